package dev.midge.broker.testing;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.BrokerEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records a broker's events from the moment it is created and lets a test wait for one to appear.
 */
public final class EventRecorder implements AutoCloseable {

    /** How long {@link #await} waits for an event that should happen. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<BrokerEvent> events = new ArrayList<>();
    private final BrokerEvents.Registration registration;

    private EventRecorder(Broker broker) {
        this.registration = broker.events().subscribe(this::record);
    }

    /**
     * @param broker the broker to listen to
     * @return a recorder that has seen nothing yet
     */
    public static EventRecorder on(Broker broker) {
        return new EventRecorder(broker);
    }

    private synchronized void record(BrokerEvent event) {
        events.add(event);
        notifyAll();
    }

    /**
     * Waits until an event of the given type that satisfies the condition has been recorded (now or earlier).
     *
     * @return the first such event
     * @throws AssertionError when none is recorded within {@link #TIMEOUT}
     */
    public synchronized <E extends BrokerEvent> E await(Class<E> type, Predicate<? super E> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (BrokerEvent event : events) {
                if (type.isInstance(event) && condition.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + type.getSimpleName() + " event as expected within "
                        + TIMEOUT.toMillis() + " ms; recorded: " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for an event", e);
            }
        }
    }

    /**
     * @return every event of that type recorded so far, in order
     */
    public synchronized <E extends BrokerEvent> List<E> all(Class<E> type) {
        List<E> matching = new ArrayList<>();
        for (BrokerEvent event : events) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    /**
     * @return every event recorded so far, in order
     */
    public synchronized List<BrokerEvent> all() {
        return List.copyOf(events);
    }

    /**
     * Stops recording.
     */
    @Override
    public void close() {
        registration.close();
    }
}
