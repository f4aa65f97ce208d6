package dev.midge.serial.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Whether an app holds the port, with waiting for a change. */
public final class Presence {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean connected;

    /**
     * Records the current state.
     *
     * @param connected whether an app holds the port
     */
    public void set(boolean connected) {
        lock.lock();
        try {
            this.connected = connected;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the current state.
     *
     * @return whether an app holds the port
     */
    public boolean get() {
        lock.lock();
        try {
            return connected;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a state.
     *
     * @param expected the state to wait for
     * @param timeout  how long to wait
     * @return whether the state was reached in time
     */
    public boolean await(boolean expected, Duration timeout) {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (connected != expected) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the app", e);
        } finally {
            lock.unlock();
        }
    }
}
