package dev.midge.serial.internal;

import dev.midge.serial.LineSettings;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces bytes as a real line would: one character time per byte, counted from the end of the previous
 * byte when the line is busy, from now when it is idle. Slots are absolute, so rounding in
 * {@code parkNanos} does not add up over a long burst.
 */
public final class Pacer {

    private final long characterNanos;
    private long nextSlot;

    /**
     * Paces at the character time of the given settings.
     *
     * @param settings baud rate and framing
     */
    public Pacer(LineSettings settings) {
        this.characterNanos = settings.characterTime().toNanos();
        this.nextSlot = System.nanoTime();
    }

    /**
     * Blocks until the next byte has fully crossed the line.
     *
     * @throws InterruptedIOException if the thread is interrupted while waiting
     */
    public void awaitNextByte() throws InterruptedIOException {
        long now = System.nanoTime();
        if (nextSlot - now < 0) {
            nextSlot = now;
        }
        nextSlot += characterNanos;
        long wait;
        while ((wait = nextSlot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while pacing bytes");
            }
        }
    }
}
