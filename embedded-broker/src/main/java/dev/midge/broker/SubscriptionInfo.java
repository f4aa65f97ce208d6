package dev.midge.broker;

/**
 * A subscription the broker holds for a session, as reported by {@link Broker#subscriptions()}.
 *
 * @param clientId the subscriber
 * @param filter   the topic filter as the client sent it (including any {@code $share/group/} prefix)
 * @param qos      the granted maximum QoS
 */
public record SubscriptionInfo(String clientId, String filter, QoS qos) {
}
