package dev.midge.serial;

import dev.midge.serial.internal.ByteQueue;
import dev.midge.serial.internal.DeviceLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A serial connection that lives in memory: the app uses it as a {@link SerialLink}, the test drives the
 * other end through {@link #device()}, with the same device API as a {@link VirtualSerialPort}. Works on
 * every platform, Windows included, but does not exercise any serial library: use it for code written
 * against {@link SerialLink}.
 *
 * <p>What the app writes reaches the device on the app's own thread, so scripted replies and echo run
 * there too. Line settings and baud rates do not exist here.
 */
public final class InMemorySerialLink implements SerialLink {

    /** The read timeout when none is given: one second, like the Raspberry Pi flows. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(1);

    private final ByteQueue toApp = new ByteQueue();
    private final Duration readTimeout;
    private final SimulatedDevice device;
    private final InputStream input = new AppInput();
    private final OutputStream output = new AppOutput();
    private volatile boolean hungUp;
    private volatile boolean closed;

    private InMemorySerialLink(Duration readTimeout) {
        this.readTimeout = readTimeout;
        this.device = new SimulatedDevice(new Wire(), "in-memory");
    }

    /**
     * Creates a connection whose reads wait up to {@link #DEFAULT_READ_TIMEOUT}.
     *
     * @return the connection
     */
    public static InMemorySerialLink create() {
        return create(DEFAULT_READ_TIMEOUT);
    }

    /**
     * Creates a connection.
     *
     * @param readTimeout how long a read waits for the first byte
     * @return the connection
     */
    public static InMemorySerialLink create(Duration readTimeout) {
        if (Objects.requireNonNull(readTimeout, "readTimeout").isNegative()) {
            throw new IllegalArgumentException("the read timeout must not be negative: " + readTimeout);
        }
        return new InMemorySerialLink(readTimeout);
    }

    /**
     * Returns the hardware side.
     *
     * @return the device
     */
    public SimulatedDevice device() {
        return device;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Simulates the cable being pulled: the app's reads return -1, its writes throw, the device's sends fail.
     */
    public void hangUp() {
        hungUp = true;
        toApp.hangUp();
    }

    /** Closes the app's side and stops the device's periodic sources. Idempotent. */
    @Override
    public void close() {
        // The device's scripts and periodic sources stop first, while the link still takes what they send.
        device.close();
        closed = true;
        toApp.hangUp();
    }

    private void requireUsable() throws IOException {
        if (closed) {
            throw new IOException("the serial link is closed");
        }
        if (hungUp) {
            throw new IOException("the serial link is hung up");
        }
    }

    /** Device to app. */
    private final class Wire implements DeviceLine {
        @Override
        public void write(byte[] data) throws IOException {
            if (closed || hungUp) {
                throw new IllegalStateException("the in-memory serial link is " + (closed ? "closed" : "hung up"));
            }
            toApp.write(data, 0, data.length);
        }

        @Override
        public String describe() {
            return "the in-memory serial link";
        }
    }

    private final class AppInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (closed) {
                throw new IOException("the serial link is closed");
            }
            if (length == 0) {
                return 0;
            }
            int count = toApp.read(target, offset, length, readTimeout);
            if (count == 0) {
                throw new InterruptedIOException("no serial data within " + readTimeout.toMillis() + " ms");
            }
            return count;
        }

        @Override
        public int available() {
            return Math.max(0, toApp.available());
        }
    }

    private final class AppOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, data.length);
            requireUsable();
            byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
            device.appWrote(copy, copy.length);
        }
    }
}
