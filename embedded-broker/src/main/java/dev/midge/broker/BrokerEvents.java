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
     * Something registered with the broker (an event listener, an injected fault) that lasts until closed.
     */
    interface Registration extends AutoCloseable {
        /**
         * Ends it: stops the listener's calls, or the fault. Calling it again does nothing.
         */
        @Override
        void close();
    }
}
