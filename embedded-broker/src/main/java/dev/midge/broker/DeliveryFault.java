package dev.midge.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * A delivery fault to inject: outgoing messages to one client, or on topics matching a filter, are dropped or held
 * back for a while, as a lossy or slow network would. See {@link Broker#injectDeliveryFault(DeliveryFault, Duration)}.
 *
 * @param clientId    only deliveries to this client, or {@code null} for every client
 * @param topicFilter only messages whose topic matches this filter, or {@code null} for every topic
 * @param delay       how long each delivery is held back, or {@code null} to drop it
 */
public record DeliveryFault(String clientId, String topicFilter, Duration delay) {

    /**
     * Checks that the fault targets something and that a delay is positive.
     *
     * @param clientId    only deliveries to this client, or {@code null} for every client
     * @param topicFilter only messages whose topic matches this filter, or {@code null} for every topic
     * @param delay       how long each delivery is held back, or {@code null} to drop it
     */
    public DeliveryFault {
        if (clientId == null && topicFilter == null) {
            throw new IllegalArgumentException("A delivery fault needs a client id, a topic filter or both");
        }
        if (delay != null && (delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("A delivery delay must be positive, not " + delay);
        }
    }

    /**
     * @param clientId the subscriber
     * @return a fault dropping every delivery to that client
     */
    public static DeliveryFault dropTo(String clientId) {
        return new DeliveryFault(Objects.requireNonNull(clientId, "clientId"), null, null);
    }

    /**
     * @param topicFilter a topic filter, wildcards allowed
     * @return a fault dropping every delivery of a message whose topic matches
     */
    public static DeliveryFault dropOn(String topicFilter) {
        return new DeliveryFault(null, Objects.requireNonNull(topicFilter, "topicFilter"), null);
    }

    /**
     * @param clientId the subscriber
     * @param delay    how long to hold each delivery back
     * @return a fault delaying every delivery to that client
     */
    public static DeliveryFault delayTo(String clientId, Duration delay) {
        return new DeliveryFault(Objects.requireNonNull(clientId, "clientId"), null,
                Objects.requireNonNull(delay, "delay"));
    }

    /**
     * @param topicFilter a topic filter, wildcards allowed
     * @param delay       how long to hold each delivery back
     * @return a fault delaying every delivery of a message whose topic matches
     */
    public static DeliveryFault delayOn(String topicFilter, Duration delay) {
        return new DeliveryFault(null, Objects.requireNonNull(topicFilter, "topicFilter"),
                Objects.requireNonNull(delay, "delay"));
    }

    /**
     * @return true when matching deliveries are dropped rather than delayed
     */
    public boolean drops() {
        return delay == null;
    }
}
