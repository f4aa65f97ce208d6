package dev.midge.serial.examples;

import com.fazecast.jSerialComm.SerialPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** An app as it would run on the Pi: reads temperature lines like {@code T=21.5} from a serial port. */
public final class TemperatureReader implements AutoCloseable {

    private final SerialPort port;
    private final BufferedReader lines;

    /**
     * Opens the port like the Pi flows do: 9600 8N1, reads waiting up to one second.
     *
     * @param path e.g. {@code /dev/ttyAMA0}
     * @throws IOException if the port cannot be opened
     */
    public TemperatureReader(String path) throws IOException {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path);
        }
        lines = new BufferedReader(new InputStreamReader(port.getInputStream(), StandardCharsets.US_ASCII));
    }

    /**
     * Reads the next reading.
     *
     * @return degrees Celsius
     * @throws IOException if no line arrives within the timeout
     */
    public double nextReading() throws IOException {
        String line = lines.readLine();
        return Double.parseDouble(line.substring(line.indexOf('=') + 1));
    }

    @Override
    public void close() {
        port.closePort();
    }
}
