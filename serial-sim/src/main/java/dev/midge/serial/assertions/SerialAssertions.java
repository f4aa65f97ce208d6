package dev.midge.serial.assertions;

import dev.midge.serial.SimulatedDevice;
import dev.midge.serial.VirtualSerialPort;

/**
 * The AssertJ entry point for serial simulation: what the app wrote to a device, and how it configured a port.
 * Statically import {@code assertThat} from here next to AssertJ's own.
 *
 * <pre>{@code
 * assertThat(port).receivedLine("LED=ON").hasLineSettings("9600 8N1");
 * }</pre>
 */
public final class SerialAssertions {

    private SerialAssertions() {
    }

    /**
     * Starts assertions on a virtual port: what the app wrote, line settings, app presence.
     *
     * @param port the port
     * @return the assertions
     */
    public static VirtualPortAssert assertThat(VirtualSerialPort port) {
        return new VirtualPortAssert(port);
    }

    /**
     * Starts assertions on what the app wrote to a device, e.g. the device of an in-memory link.
     *
     * @param device the device
     * @return the assertions
     */
    public static DeviceAssert assertThat(SimulatedDevice device) {
        return new DeviceAssert(device);
    }
}
