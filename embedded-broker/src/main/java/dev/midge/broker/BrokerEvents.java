package dev.midge.broker;

import java.util.function.Consumer;

/**
 * The stream of everything a broker does. Listeners are called on the broker's thread, in order, synchronously:
 * they must return quickly and must not block (hand work to another thread if needed). When nobody listens, the
 * broker builds no events at all.
 */
public interface BrokerEvents {

    /**
     * Starts calling a listener with every event from now on.
     *
     * @param listener called with each event; an exception it throws is logged and does not stop the broker
     * @return a handle whose {@code close()} stops the calls
     */
    Registration subscribe(Consumer<? super BrokerEvent> listener);

    /**
     * A listener's subscription to the event stream.
     */
    interface Registration extends AutoCloseable {
        /**
         * Stops calling the listener. Calling it again does nothing.
         */
        @Override
        void close();
    }
}
