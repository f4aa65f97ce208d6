package dev.midge.broker.internal;

import java.util.List;

/**
 * How a SUBSCRIBE is answered, given to {@link BrokerCore#subscribe}: the core calls it once it has granted or
 * refused every filter, and sends the retained messages the new subscriptions bring only after it, so that they
 * follow the SUBACK. Implemented by the transport.
 *
 * <p>Called on the broker's thread.
 */
@FunctionalInterface
public interface SubscribeReply {

    /** For subscriptions the broker makes of its own accord (a bridge's): nobody to answer, retained messages go. */
    SubscribeReply NONE = outcomes -> true;

    /**
     * @param outcomes one per requested filter, in order
     * @return true when the SUBSCRIBE was answered; false when an outcome ended the connection instead (a protocol
     *         error), so that no retained message is due
     */
    boolean answer(List<SubscribeOutcome> outcomes);
}
