package dev.midge.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link SerialLink} over a real serial port opened with jSerialComm: {@code /dev/ttyAMA0} on the
 * Raspberry Pi, or a {@link VirtualSerialPort#path()} in tests. Reads are semi-blocking with the given
 * timeout, the mode the Pi flows use.
 *
 * <p>jSerialComm is an optional dependency of this library: an app that uses this class must depend on
 * {@code com.fazecast:jSerialComm} itself.
 */
public final class JSerialCommLink implements SerialLink {

    private final SerialPort port;
    private final InputStream input;
    private final OutputStream output;

    private JSerialCommLink(SerialPort port) {
        this.port = port;
        this.input = port.getInputStream();
        this.output = port.getOutputStream();
    }

    /**
     * Opens and configures a serial port.
     *
     * @param path        the device path, e.g. {@code /dev/ttyAMA0}
     * @param settings    baud rate and framing, e.g. {@code LineSettings.parse("9600 8N1")}
     * @param readTimeout how long a read waits for the first byte; jSerialComm rounds it to 100 ms steps on
     *                    Linux and macOS
     * @return the open link
     * @throws IOException if the port cannot be opened, e.g. it does not exist or is already open
     */
    public static JSerialCommLink open(String path, LineSettings settings, Duration readTimeout) throws IOException {
        Objects.requireNonNull(settings, "settings");
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("cannot open " + path + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(), stopBits(settings), parity(settings));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.toIntExact(readTimeout.toMillis()), 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (jSerialComm error " + port.getLastErrorCode()
                    + " at native line " + port.getLastErrorLocation() + ")");
        }
        return new JSerialCommLink(port);
    }

    private static int stopBits(LineSettings settings) {
        return switch (settings.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(LineSettings settings) {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    /**
     * Returns the underlying jSerialComm port, e.g. to add a data listener.
     *
     * @return the open port
     */
    public SerialPort port() {
        return port;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Closes the port. Idempotent. */
    @Override
    public void close() {
        port.closePort();
    }
}
