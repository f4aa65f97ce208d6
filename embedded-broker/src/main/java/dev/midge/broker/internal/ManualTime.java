package dev.midge.broker.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A clock that stands still until {@link #advance} moves it, and the timers that run on it: the broker's virtual
 * time.
 *
 * <p>Timers are set and fired on the broker's thread only; the time may be read from any thread.
 */
public final class ManualTime implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ManualTime.class);

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong((Timer timer) -> timer.due).thenComparingLong(timer -> timer.sequence));
    private final Clock clock = new View(ZoneOffset.UTC);
    private volatile long nowMillis;
    private long sequence;

    /**
     * @param start the time the clock shows until it is first moved
     */
    public ManualTime(Instant start) {
        this.nowMillis = start.toEpochMilli();
    }

    /** @return the time in milliseconds since the epoch */
    public long millis() {
        return nowMillis;
    }

    /** @return this time as a {@link Clock}, in UTC */
    public Clock clock() {
        return clock;
    }

    /** @return how many timers wait to fall due; read on the broker's thread */
    public int pendingTimers() {
        return timers.size();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Timer timer = new Timer(nowMillis + Math.max(0, delayMillis), sequence++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    /**
     * Moves the clock forward, running each timer that falls due on the way, timers set by those included, in the
     * order of their due times (and of their setting when due at once), the clock showing each one's due time while
     * it runs. A failing timer is logged and the others still run, as with real timers. Runs on the broker's thread.
     *
     * @param millis how far, zero or more
     */
    public void advance(long millis) {
        long target = nowMillis + millis;
        for (Timer next = timers.peek(); next != null && next.due <= target; next = timers.peek()) {
            timers.poll();
            nowMillis = Math.max(nowMillis, next.due);
            try {
                next.task.run();
            } catch (RuntimeException e) {
                LOG.error("A timer failed while virtual time was advanced", e);
            }
        }
        nowMillis = target;
    }

    private static final class Timer {
        final long due;
        final long sequence;
        final Runnable task;

        Timer(long due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }
    }

    private final class View extends Clock {
        private final ZoneId zone;

        View(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new View(zone);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis);
        }

        @Override
        public long millis() {
            return nowMillis;
        }
    }
}
