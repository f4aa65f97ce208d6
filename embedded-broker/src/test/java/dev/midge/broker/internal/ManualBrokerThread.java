package dev.midge.broker.internal;

import dev.midge.broker.testing.ManualClock;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * The broker's thread in a core test: the test's own thread, where tasks run at once and timers run only when the
 * test moves the manual clock past them, in the order they fall due.
 */
final class ManualBrokerThread implements BrokerThread {

    private final ManualClock clock;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long created;

    ManualBrokerThread(ManualClock clock) {
        this.clock = clock;
    }

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
        Timer timer = new Timer(clock.millis() + Math.max(1, delayMillis), created++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    /**
     * Moves the clock forward, running every timer that falls due on the way at its own time.
     */
    void advance(Duration duration) {
        long end = clock.millis() + duration.toMillis();
        while (!timers.isEmpty() && timers.peek().dueMillis <= end) {
            Timer next = timers.poll();
            clock.advance(Duration.ofMillis(next.dueMillis - clock.millis()));
            next.task.run();
        }
        clock.advance(Duration.ofMillis(end - clock.millis()));
    }

    /** @return how many timers wait */
    int pending() {
        return timers.size();
    }

    private record Timer(long dueMillis, long order, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueMillis, other.dueMillis);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
