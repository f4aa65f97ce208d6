package dev.midge.broker.internal;

import dev.midge.broker.QoS;

/**
 * One topic filter of a SUBSCRIBE, with its options.
 *
 * @param filter            the filter as sent, possibly with a {@code $share/group/} prefix
 * @param qos               the requested maximum QoS
 * @param noLocal           MQTT 5 no-local option
 * @param retainAsPublished MQTT 5 retain-as-published option
 * @param retainHandling    MQTT 5 retain handling: 0, 1 or 2
 * @param subscriptionId    MQTT 5 subscription identifier, 0 when none
 */
public record SubscribeRequest(String filter, QoS qos, boolean noLocal, boolean retainAsPublished,
                               int retainHandling, int subscriptionId) {

    /**
     * @return a plain MQTT 3.x subscription request
     */
    public static SubscribeRequest of(String filter, QoS qos) {
        return new SubscribeRequest(filter, qos, false, false, 0, 0);
    }
}
