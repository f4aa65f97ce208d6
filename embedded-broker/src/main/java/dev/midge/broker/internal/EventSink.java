package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.BrokerEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Hands broker events to listeners. Callers check {@link #active()} before building an event, so a broker nobody
 * listens to allocates nothing for events.
 *
 * <p>Events are emitted on the broker's thread; listeners may subscribe and unsubscribe from any thread.
 */
public final class EventSink implements BrokerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(EventSink.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private volatile Consumer<? super BrokerEvent>[] listeners = new Consumer[0];

    /**
     * @return whether any listener is registered
     */
    public boolean active() {
        return listeners.length > 0;
    }

    /**
     * Calls every listener with the event; a failing listener is logged and the others still run.
     *
     * @param event what happened
     */
    public void emit(BrokerEvent event) {
        for (Consumer<? super BrokerEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A broker event listener failed on {}", event, e);
            }
        }
    }

    @Override
    public synchronized Registration subscribe(Consumer<? super BrokerEvent> listener) {
        Consumer<? super BrokerEvent>[] current = listeners;
        Consumer<? super BrokerEvent>[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = listener;
        listeners = grown;
        return () -> remove(listener);
    }

    private synchronized void remove(Consumer<? super BrokerEvent> listener) {
        Consumer<? super BrokerEvent>[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                Consumer<? super BrokerEvent>[] shrunk = Arrays.copyOf(current, current.length - 1);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                listeners = shrunk;
                return;
            }
        }
    }
}
