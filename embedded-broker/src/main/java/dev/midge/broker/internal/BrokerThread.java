package dev.midge.broker.internal;

import java.util.concurrent.Executor;

/**
 * The one thread the broker's state lives on, as the core sees it: a way to run a task there now or later, and to
 * tell whether the caller is already on it. The transport implements it on its event loop; a test can implement it
 * on its own thread with a manual clock.
 */
public interface BrokerThread extends Executor, Scheduler {

    /**
     * Runs a task on the broker's thread, after the tasks already waiting there.
     *
     * @param task what to run
     */
    @Override
    void execute(Runnable task);

    /**
     * @return whether the calling thread is the broker's thread
     */
    boolean isCurrent();
}
