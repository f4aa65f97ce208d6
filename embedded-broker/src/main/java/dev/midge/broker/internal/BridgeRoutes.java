package dev.midge.broker.internal;

import dev.midge.broker.BridgeTopic;
import dev.midge.broker.QoS;
import dev.midge.broker.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics of one bridge as Mosquitto maps them: which filters to subscribe to on each side, and how a topic's
 * local prefix is swapped for its remote prefix, or back, as a message crosses. The first bridged topic whose filter
 * matches decides.
 *
 * <p>Immutable; used on the broker's thread.
 */
public final class BridgeRoutes {

    private final List<BridgeTopic> topics;

    /**
     * @param topics the bridged topics, in the order they were configured
     */
    public BridgeRoutes(List<BridgeTopic> topics) {
        this.topics = List.copyOf(topics);
    }

    /**
     * @param retainHandling MQTT 5's retain handling for the subscriptions: 0 to be sent the retained messages, 2 not
     * @return the subscriptions of the bridge's session on this broker, one per outbound topic: no-local, so that
     *         what the bridge brings in never goes back out, and retain as published, so that the upstream gets the
     *         retain flag
     */
    public List<SubscribeRequest> localSubscriptions(int retainHandling) {
        List<SubscribeRequest> requests = new ArrayList<>();
        for (BridgeTopic topic : topics) {
            if (topic.direction().outbound()) {
                requests.add(new SubscribeRequest(topic.localFilter(), topic.qos(), true, true, retainHandling, 0));
            }
        }
        return requests;
    }

    /**
     * A subscription the bridge makes upstream.
     *
     * @param filter the topic filter on the upstream broker
     * @param qos    its QoS
     */
    public record Remote(String filter, QoS qos) {
    }

    /** @return the subscriptions the bridge makes upstream, one per inbound topic */
    public List<Remote> remoteSubscriptions() {
        List<Remote> remote = new ArrayList<>();
        for (BridgeTopic topic : topics) {
            if (topic.direction().inbound()) {
                remote.add(new Remote(topic.remoteFilter(), topic.qos()));
            }
        }
        return remote;
    }

    /**
     * @param localTopic the topic of a message on this broker
     * @return its topic upstream: the first matching outbound topic's local prefix swapped for its remote prefix, or
     *         the topic itself when none matches, as Mosquitto leaves it
     */
    public String toRemote(String localTopic) {
        for (BridgeTopic topic : topics) {
            if (topic.direction().outbound() && localTopic.startsWith(topic.localPrefix())
                    && Topics.matches(topic.localFilter(), localTopic)) {
                return topic.remotePrefix() + localTopic.substring(topic.localPrefix().length());
            }
        }
        return localTopic;
    }

    /**
     * @param remoteTopic the topic of a message the upstream sent
     * @return its topic on this broker: the first matching inbound topic's remote prefix swapped for its local prefix,
     *         or the topic itself when none matches (an upstream session may still hold subscriptions of an earlier
     *         configuration), as Mosquitto leaves it
     */
    public String toLocal(String remoteTopic) {
        for (BridgeTopic topic : topics) {
            if (topic.direction().inbound() && remoteTopic.startsWith(topic.remotePrefix())
                    && Topics.matches(topic.remoteFilter(), remoteTopic)) {
                return topic.localPrefix() + remoteTopic.substring(topic.remotePrefix().length());
            }
        }
        return remoteTopic;
    }
}
