package dev.midge.serial.assertions;

import dev.midge.serial.LineSettings;
import dev.midge.serial.LineSettings.StopBits;
import dev.midge.serial.SimulatedDevice;
import dev.midge.serial.VirtualSerialPort;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Assertions on a {@link VirtualSerialPort}: what the app wrote to its device (see
 * {@link AbstractDeviceAssert}), the line settings it applied, and whether it holds the port open.
 */
public final class VirtualPortAssert extends AbstractDeviceAssert<VirtualPortAssert, VirtualSerialPort> {

    private static final long SETTINGS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    VirtualPortAssert(VirtualSerialPort actual) {
        super(actual, VirtualPortAssert.class);
    }

    @Override
    SimulatedDevice device() {
        return actual.device();
    }

    /**
     * Verifies the line settings the app applied, written short, e.g. {@code "9600 8N1"}.
     *
     * @param notation the expected settings
     * @return this assertion
     * @see #hasLineSettings(LineSettings)
     */
    public VirtualPortAssert hasLineSettings(String notation) {
        return hasLineSettings(LineSettings.parse(notation));
    }

    /**
     * Verifies the line settings the app applied, waiting for the app to apply them. Compares what a
     * pseudo-terminal can show (see {@link VirtualSerialPort#lineSettings()}): fewer than 8 data bits match a
     * reading of 7, and 1.5 stop bits match a reading of 1.
     *
     * @param expected the expected settings
     * @return this assertion
     */
    public VirtualPortAssert hasLineSettings(LineSettings expected) {
        isNotNull();
        long deadline = System.nanoTime() + timeout.toNanos();
        LineSettings seen = actual.lineSettings();
        while (!visiblyEqual(expected, seen) && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(SETTINGS_POLL_NANOS);
            seen = actual.lineSettings();
        }
        if (!visiblyEqual(expected, seen)) {
            failWithMessage("%s", "Expected the app to configure " + actual + " as " + expected + " within "
                    + timeout.toMillis() + " ms, but the port shows " + seen);
        }
        return myself;
    }

    private static boolean visiblyEqual(LineSettings expected, LineSettings seen) {
        boolean dataBits = expected.dataBits() == seen.dataBits() || (expected.dataBits() < 8 && seen.dataBits() == 7);
        boolean stopBits = expected.stopBits() == seen.stopBits()
                || (expected.stopBits() == StopBits.ONE_POINT_FIVE && seen.stopBits() == StopBits.ONE);
        return expected.baudRate() == seen.baudRate() && expected.parity() == seen.parity() && dataBits && stopBits;
    }

    /**
     * Verifies that an app opens the port (or already holds it).
     *
     * @return this assertion
     */
    public VirtualPortAssert isOpenedByTheApp() {
        isNotNull();
        actual.awaitAppConnected(timeout);
        return myself;
    }

    /**
     * Verifies that the app closes the port (or already has).
     *
     * @return this assertion
     */
    public VirtualPortAssert isClosedByTheApp() {
        isNotNull();
        actual.awaitAppDisconnected(timeout);
        return myself;
    }
}
