package dev.midge.samples.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;

/**
 * Opens a serial port the way the Pi's UART is used in the source guide: 9600 baud, 8 data bits, no parity, one stop
 * bit, reads waiting up to one second.
 */
public final class SerialPorts {

    /** The Raspberry Pi's primary UART on the GPIO header. */
    public static final String DEFAULT_PATH = "/dev/ttyAMA0";

    /** The line speed. */
    public static final int BAUD_RATE = 9600;

    /**
     * How long a read waits for the first byte before returning nothing: short, because a bridge being closed waits
     * for its reader to notice, and an idle reader waking ten times a second costs nothing.
     */
    public static final int READ_TIMEOUT_MILLIS = 100;

    private SerialPorts() {
    }

    /**
     * @param path the device, e.g. {@code /dev/ttyAMA0} or {@code /dev/ttyUSB0}
     * @return the open, configured port
     * @throws IOException when the port does not exist or cannot be opened (missing, busy, no permission)
     */
    public static SerialPort open(String path) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("There is no serial port " + path + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(BAUD_RATE, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
        if (!port.openPort()) {
            throw new IOException("Cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "): is it there, used by another program, or does this user lack the 'dialout' group?");
        }
        return port;
    }
}
