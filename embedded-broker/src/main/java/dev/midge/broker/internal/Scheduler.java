package dev.midge.broker.internal;

/**
 * Runs tasks later on the broker's thread. Lets the core keep time-based behaviour (session expiry, will delay)
 * without knowing the event loop, and lets tests drive it.
 */
public interface Scheduler {

    /**
     * @param delayMillis how long to wait
     * @param task        what to run on the broker's thread
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * A scheduled task that can be cancelled.
     */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet. */
        void cancel();
    }
}
