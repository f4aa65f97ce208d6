package dev.midge.serial.examples;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An app as it would run on the Pi: switches an LED by writing commands to a serial port. */
public final class LedController implements AutoCloseable {

    private final SerialPort port;

    /**
     * Opens the port at 9600 8N1.
     *
     * @param path e.g. {@code /dev/ttyAMA0}
     * @throws IOException if the port cannot be opened
     */
    public LedController(String path) throws IOException {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path);
        }
    }

    /** Sends {@code LED=ON}. */
    public void switchOn() {
        byte[] command = "LED=ON\n".getBytes(StandardCharsets.US_ASCII);
        port.writeBytes(command, command.length);
    }

    @Override
    public void close() {
        port.closePort();
    }
}
