package dev.midge.serial.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Everything the app wrote, in order, with a read cursor for "expect the next line" style consumption and
 * waiting until the recording satisfies a condition.
 */
public final class WrittenBytes {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private byte[] bytes = new byte[256];
    private int size;
    private int cursor;

    /**
     * Records bytes and wakes every waiter.
     *
     * @param data   the buffer
     * @param length how many bytes of it are valid
     */
    public void append(byte[] data, int length) {
        lock.lock();
        try {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(data, 0, bytes, size, length);
            size += length;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a copy of everything recorded.
     *
     * @return the bytes
     */
    public byte[] all() {
        lock.lock();
        try {
            return Arrays.copyOf(bytes, size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a copy of what was recorded after the cursor.
     *
     * @return the bytes not yet taken
     */
    public byte[] untaken() {
        lock.lock();
        try {
            return Arrays.copyOfRange(bytes, cursor, size);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        lock.lock();
        try {
            size = 0;
            cursor = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a complete line after the cursor and moves the cursor past it.
     *
     * @param timeout how long to wait
     * @return the line without its ending, or empty on timeout
     */
    public Optional<String> takeLine(Duration timeout) {
        lock.lock();
        try {
            if (!awaitLocked(() -> Lines.endOfLine(bytes, cursor, size) >= 0, timeout)) {
                return Optional.empty();
            }
            int end = Lines.endOfLine(bytes, cursor, size);
            String line = Lines.text(bytes, cursor, end);
            cursor = end + 1;
            return Optional.of(line);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a number of bytes after the cursor and moves the cursor past them.
     *
     * @param count   how many bytes
     * @param timeout how long to wait
     * @return the bytes, or empty on timeout
     */
    public Optional<byte[]> takeBytes(int count, Duration timeout) {
        lock.lock();
        try {
            if (!awaitLocked(() -> size - cursor >= count, timeout)) {
                return Optional.empty();
            }
            byte[] taken = Arrays.copyOfRange(bytes, cursor, cursor + count);
            cursor += count;
            return Optional.of(taken);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything recorded satisfies a condition.
     *
     * @param condition tested on a copy of the recording, each time it grows
     * @param timeout   how long to wait
     * @return whether the condition held in time
     */
    public boolean await(Predicate<byte[]> condition, Duration timeout) {
        lock.lock();
        try {
            return awaitLocked(() -> condition.test(Arrays.copyOf(bytes, size)), timeout);
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitLocked(BooleanSupplier condition, Duration timeout) {
        long remaining = timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (remaining <= 0) {
                return false;
            }
            try {
                remaining = grown.awaitNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the app to write", e);
            }
        }
        return true;
    }
}
