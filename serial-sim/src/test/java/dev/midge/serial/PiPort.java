package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The app's side in these tests: a jSerialComm port opened the way the Raspberry Pi flows open
 * {@code /dev/ttyAMA0} (8N1, semi-blocking reads with a timeout), closed by try-with-resources.
 */
record PiPort(SerialPort port) implements AutoCloseable {

    static PiPort open(Path path, int baudRate) {
        return open(path, baudRate, 1000);
    }

    static PiPort open(Path path, int baudRate, int readTimeoutMillis) {
        SerialPort port = SerialPort.getCommPort(path.toString());
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, readTimeoutMillis, 0);
        assertThat(port.openPort()).as("jSerialComm opens %s", path).isTrue();
        return new PiPort(port);
    }

    BufferedReader lines() {
        return new BufferedReader(new InputStreamReader(port.getInputStream(), StandardCharsets.UTF_8));
    }

    void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(port.writeBytes(bytes, bytes.length)).isEqualTo(bytes.length);
    }

    void write(byte[] bytes) {
        assertThat(port.writeBytes(bytes, bytes.length)).isEqualTo(bytes.length);
    }

    byte[] readExactly(int count) {
        byte[] received = new byte[count];
        int filled = 0;
        while (filled < count) {
            int read = port.readBytes(received, count - filled, filled);
            assertThat(read).as("bytes read after %d of %d", filled, count).isPositive();
            filled += read;
        }
        return received;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
