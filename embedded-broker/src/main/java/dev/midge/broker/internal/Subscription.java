package dev.midge.broker.internal;

import dev.midge.broker.QoS;

/**
 * One granted subscription of a session.
 *
 * @param session           the subscriber
 * @param filter            the filter as the client sent it, including any {@code $share/group/} prefix
 * @param topicFilter       the filter matched against topics (without the share prefix)
 * @param shareGroup        the shared subscription group, or {@code null} for an ordinary subscription
 * @param qos               the granted maximum QoS
 * @param noLocal           MQTT 5: do not deliver the subscriber's own messages
 * @param retainAsPublished MQTT 5: keep the retain flag of forwarded messages
 * @param retainHandling    MQTT 5: 0 send retained messages on subscribe, 1 only for a new subscription, 2 never
 * @param subscriptionId    MQTT 5 subscription identifier, 0 when none
 */
public record Subscription(Session session, String filter, String topicFilter, String shareGroup, QoS qos,
                           boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {

    /**
     * @return whether this is a shared subscription
     */
    public boolean isShared() {
        return shareGroup != null;
    }
}
