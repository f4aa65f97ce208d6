package dev.midge.broker.internal;

import dev.midge.broker.QoS;

/**
 * The core's answer to one topic filter of a SUBSCRIBE: a granted QoS, or a refusal.
 *
 * @param granted the granted QoS, or null when refused
 * @param refusal why it was refused, or null when granted
 */
public record SubscribeOutcome(QoS granted, Refusal refusal) {

    /** Why a subscription was refused. */
    public enum Refusal {
        /** The filter breaks the topic filter rules. */
        TOPIC_FILTER_INVALID,
        /** The authorizer did not grant the filter. */
        NOT_AUTHORIZED,
        /** One of the authorizer's rules denies the filter outright: the refusal does not say why. */
        DENIED,
        /** A shared subscription asked for no-local, which the protocol forbids. */
        PROTOCOL_ERROR,
        /** The broker's memory budget has no room for another subscription. */
        QUOTA_EXCEEDED
    }

    static SubscribeOutcome granted(QoS qos) {
        return new SubscribeOutcome(qos, null);
    }

    static SubscribeOutcome refused(Refusal refusal) {
        return new SubscribeOutcome(null, refusal);
    }
}
