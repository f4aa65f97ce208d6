package dev.midge.broker.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The broker's thread in a core test: the test's own thread, where tasks run at once and timers run only when the
 * test moves the broker's {@link ManualTime} past them, in the order they fall due.
 */
final class ManualBrokerThread implements BrokerThread {

    final ManualTime time = new ManualTime(Instant.parse("2025-01-01T00:00:00Z"));

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean isCurrent() {
        return true;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        return time.schedule(delayMillis, task);
    }

    /**
     * Moves the clock forward, running every timer that falls due on the way at its own time.
     */
    void advance(Duration duration) {
        time.advance(duration.toMillis());
    }
}
