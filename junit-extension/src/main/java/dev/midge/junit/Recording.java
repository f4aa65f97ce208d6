package dev.midge.junit;

import dev.midge.broker.BrokerEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a broker did during a test, in order: the journal assertions read and failure transcripts print.
 *
 * <p>It keeps the most recent {@value #CAPACITY} events; older ones are forgotten (and counted) so that a test
 * pushing millions of messages does not run out of memory.
 */
public final class Recording {

    /** How many events are kept. */
    public static final int CAPACITY = 100_000;

    private static final long RECHECK_NANOS = Duration.ofMillis(50).toNanos();

    private final ArrayDeque<BrokerEvent> events = new ArrayDeque<>();
    private long forgotten;

    /**
     * Adds an event; called by the broker's event stream (or by the recording client in external mode).
     *
     * @param event what happened
     */
    public void record(BrokerEvent event) {
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
                forgotten++;
            }
            events.addLast(event);
            events.notifyAll();
        }
    }

    /**
     * @return a snapshot of the recorded events, oldest first
     */
    public List<BrokerEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /**
     * @param type the kind of event, e.g. {@code BrokerEvent.MessagePublished.class}
     * @param <T>  that kind
     * @return a snapshot of the recorded events of that kind, oldest first
     */
    public <T extends BrokerEvent> List<T> events(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (BrokerEvent event : events()) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    /**
     * @return how many events were forgotten because the recording was full
     */
    public long forgottenEvents() {
        synchronized (events) {
            return forgotten;
        }
    }

    /**
     * Waits until a condition on the recorded events holds. The condition is evaluated at once, after every new
     * event, and every 50 ms (so conditions that also read broker state are seen promptly).
     *
     * @param condition evaluated on a snapshot of the events
     * @param timeout   how long to wait at most
     * @return whether the condition held before the timeout
     */
    public boolean awaitUntil(Predicate<List<BrokerEvent>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.test(events())) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (events) {
                try {
                    long wait = Math.min(left, RECHECK_NANOS);
                    events.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return condition.test(events());
                }
            }
        }
    }

    /**
     * Forgets every recorded event.
     */
    public void clear() {
        synchronized (events) {
            events.clear();
            forgotten = 0;
        }
    }
}
