package dev.midge.samples.demo;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.BrokerEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the broker did, as the demo waits for it: every event is kept, and a step waits for the events it caused.
 */
final class BrokerWatch implements AutoCloseable {

    private final List<BrokerEvent> events = new ArrayList<>();
    private final BrokerEvents.Registration registration;

    BrokerWatch(Broker broker) {
        registration = broker.events().subscribe(this::record);
    }

    private void record(BrokerEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /**
     * @return a position in the events; later waits look only at what happened after it
     */
    int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    /**
     * Waits for the first event after a mark that is of a type and matches.
     *
     * @throws IllegalStateException when none comes in time: the story cannot go on
     */
    <T extends BrokerEvent> T await(int mark, Class<T> type, Predicate<T> matching, Duration timeout,
                                    String expected) throws InterruptedException {
        return awaitAll(mark, type, matching, 1, timeout, expected).get(0);
    }

    /**
     * Waits for a number of events after a mark that are of a type and match.
     *
     * @throws IllegalStateException when fewer come in time
     */
    <T extends BrokerEvent> List<T> awaitAll(int mark, Class<T> type, Predicate<T> matching, int count,
                                             Duration timeout, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                List<T> found = new ArrayList<>();
                for (BrokerEvent event : events.subList(mark, events.size())) {
                    if (type.isInstance(event) && matching.test(type.cast(event)) && found.size() < count) {
                        found.add(type.cast(event));
                    }
                }
                if (found.size() == count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("The demo expected " + expected + " within " + timeout
                            + " but the broker did not report it");
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
