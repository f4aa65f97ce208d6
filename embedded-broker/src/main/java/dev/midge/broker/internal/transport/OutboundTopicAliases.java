package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The topic aliases the broker gives the topics it sends on one MQTT 5 connection (MQTT 5 §3.3.2.3.4): at most the
 * client's Topic Alias Maximum of them, the alias of the least recently sent topic going to a new topic once all are
 * taken. The first PUBLISH of a topic carries the topic and its new alias; later ones carry the alias and an empty
 * topic. A topic of {@value #MIN_TOPIC_BYTES} bytes or fewer is never aliased: the alias would not save a byte.
 *
 * <p>A connection has its own aliases, which end with it (MQTT-3.3.2-7). Used on the broker's event-loop thread only.
 */
final class OutboundTopicAliases {

    /** The bytes the Topic Alias property takes: its identifier and a two-byte integer. */
    static final int PROPERTY_BYTES = 3;

    private static final int MIN_TOPIC_BYTES = PROPERTY_BYTES;

    /** No aliases, for a client that allows none: it holds nothing, so every such connection shares it. */
    static final OutboundTopicAliases NONE = new OutboundTopicAliases(0);

    private final int maximum;
    private final Map<String, Integer> aliasByTopic;
    /** Least recently sent first. */
    private final Set<String> recency;

    /**
     * @param maximum the client's Topic Alias Maximum: the highest alias it accepts, 0 for none (MQTT-3.3.2-8)
     */
    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
        this.aliasByTopic = maximum == 0 ? Map.of() : new HashMap<>();
        this.recency = maximum == 0 ? Set.of() : new LinkedHashSet<>();
    }

    /**
     * @param connectProperties the properties of the client's CONNECT, holding its Topic Alias Maximum if it set one
     * @param enabled           whether the broker sends topic aliases at all
     * @return the aliases for the connection the CONNECT opens
     */
    static OutboundTopicAliases asked(MqttProperties connectProperties, boolean enabled) {
        Integer maximum = WireProperties.intValue(connectProperties, MqttProperties.TOPIC_ALIAS_MAXIMUM);
        return enabled && maximum != null && maximum > 0 ? new OutboundTopicAliases(maximum) : NONE;
    }

    /**
     * How the topic of a PUBLISH is sent.
     *
     * @param alias     the Topic Alias property, 0 for none
     * @param withTopic whether the topic name is sent (false: an empty topic name, the alias stands for it)
     */
    record Use(int alias, boolean withTopic) {

        /** No alias: the topic name as it is. */
        static final Use NONE = new Use(0, true);

        /** @return whether the PUBLISH carries a Topic Alias property */
        boolean aliased() {
            return alias != 0;
        }
    }

    /**
     * Tells how the topic would be sent, without changing any alias.
     *
     * @param newAliasAllowed whether a topic without an alias may be given one (not when the few bytes it adds to
     *                        this PUBLISH would take it over the client's Maximum Packet Size)
     */
    Use peek(String topic, boolean newAliasAllowed) {
        if (maximum == 0) {
            return Use.NONE;
        }
        Integer alias = aliasByTopic.get(topic);
        if (alias != null) {
            return new Use(alias, false);
        }
        if (!newAliasAllowed || ByteBufUtil.utf8Bytes(topic) <= MIN_TOPIC_BYTES) {
            return Use.NONE;
        }
        if (aliasByTopic.size() < maximum) {
            return new Use(aliasByTopic.size() + 1, true);
        }
        return new Use(aliasByTopic.get(recency.iterator().next()), true);
    }

    /**
     * Tells how the topic is sent, now that it is: gives it an alias, taking the least recently sent topic's when
     * all are taken, and counts it as the most recently sent.
     *
     * @param newAliasAllowed as for {@link #peek}
     */
    Use use(String topic, boolean newAliasAllowed) {
        Use use = peek(topic, newAliasAllowed);
        if (!use.aliased()) {
            return use;
        }
        if (use.withTopic() && aliasByTopic.size() == maximum) {
            Iterator<String> leastRecent = recency.iterator();
            aliasByTopic.remove(leastRecent.next());
            leastRecent.remove();
        }
        aliasByTopic.put(topic, use.alias());
        recency.remove(topic);
        recency.add(topic);
        return use;
    }
}
