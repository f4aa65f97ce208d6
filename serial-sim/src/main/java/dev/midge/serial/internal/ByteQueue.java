package dev.midge.serial.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An unbounded in-memory byte pipe with serial-port read semantics: a read waits up to a timeout for the
 * first byte, then returns what is there; after a hang-up reads return -1 and writes fail.
 */
public final class ByteQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] buffer = new byte[256];
    private int start;
    private int end;
    private boolean hungUp;

    /**
     * Appends bytes.
     *
     * @param data   the buffer
     * @param offset first byte to append
     * @param length how many
     * @throws IOException if the queue was hung up
     */
    public void write(byte[] data, int offset, int length) throws IOException {
        lock.lock();
        try {
            if (hungUp) {
                throw new IOException("the line is hung up");
            }
            if (end + length > buffer.length) {
                int used = end - start;
                byte[] grown = used + length > buffer.length ? new byte[Math.max(buffer.length * 2, used + length)] : buffer;
                System.arraycopy(buffer, start, grown, 0, used);
                buffer = grown;
                start = 0;
                end = used;
            }
            System.arraycopy(data, offset, buffer, end, length);
            end += length;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code length} bytes, waiting up to the timeout for the first one.
     *
     * @param target  where to put them
     * @param offset  first index to fill
     * @param length  most bytes to take
     * @param timeout how long to wait for the first byte
     * @return the count taken, 0 on timeout, -1 after a hang-up
     * @throws IOException if interrupted while waiting
     */
    public int read(byte[] target, int offset, int length, Duration timeout) throws IOException {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (!hungUp && start == end) {
                if (remaining <= 0) {
                    return 0;
                }
                remaining = arrived.awaitNanos(remaining);
            }
            if (hungUp) {
                return -1;
            }
            int count = Math.min(length, end - start);
            System.arraycopy(buffer, start, target, offset, count);
            start += count;
            return count;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for serial data");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns how many bytes wait to be read.
     *
     * @return the count, or -1 after a hang-up
     */
    public int available() {
        lock.lock();
        try {
            return hungUp ? -1 : end - start;
        } finally {
            lock.unlock();
        }
    }

    /** Drops pending bytes and makes every read return -1 and every write fail. */
    public void hangUp() {
        lock.lock();
        try {
            hungUp = true;
            start = 0;
            end = 0;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
