package dev.midge.broker.internal;

import java.util.List;

/**
 * What a SUBSCRIBE was granted: an outcome per filter for SUBACK, and the subscriptions whose retained messages are
 * due once SUBACK has gone out ({@link BrokerCore#sendRetained}).
 */
public final class Subscribed {

    private final List<SubscribeOutcome> outcomes;
    private final List<Subscription> retainedDue;

    Subscribed(List<SubscribeOutcome> outcomes, List<Subscription> retainedDue) {
        this.outcomes = outcomes;
        this.retainedDue = retainedDue;
    }

    /** @return one outcome per requested filter, in order */
    public List<SubscribeOutcome> outcomes() {
        return outcomes;
    }

    List<Subscription> retainedDue() {
        return retainedDue;
    }
}
