package dev.midge.broker.internal.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * The topic aliases one MQTT 5 client sets on the topics it publishes to (MQTT 5 §3.3.2.3.4): a PUBLISH with a
 * topic and an alias sets the alias, one with an empty topic and an alias stands for the topic last set. They end
 * with the connection (MQTT-3.3.2-7); the broker's own aliases for what it sends are {@link OutboundTopicAliases}.
 *
 * <p>Used on the broker's event-loop thread only.
 */
final class InboundTopicAliases {

    private final Map<Integer, String> topics = new HashMap<>();

    /**
     * @param topic the PUBLISH's topic name, empty when it names its topic by the alias alone
     * @param alias its Topic Alias, within the range the broker allows
     * @return the topic the PUBLISH is sent to, or null when its topic is empty and the alias was never set
     */
    String resolve(String topic, int alias) {
        if (topic.isEmpty()) {
            return topics.get(alias);
        }
        topics.put(alias, topic);
        return topic;
    }
}
