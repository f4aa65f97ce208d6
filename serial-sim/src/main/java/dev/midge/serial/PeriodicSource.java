package dev.midge.serial;

/**
 * A reading the simulated device sends on its own at a fixed rate, like a sensor reporting every second.
 * Stopped by {@link #stop()} or when the port closes.
 */
public interface PeriodicSource extends AutoCloseable {

    /**
     * Returns how many readings were sent so far.
     *
     * @return the count
     */
    long emitted();

    /** Stops sending; a reading being sent completes first. Idempotent. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
