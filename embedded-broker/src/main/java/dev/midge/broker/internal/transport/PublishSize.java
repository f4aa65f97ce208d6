package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.UserProperty;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

/**
 * The encoded size of one PUBLISH to one client, computed once without encoding it: to honour the client's MQTT 5
 * Maximum Packet Size, to choose a topic alias, and to allocate the packet's buffer at its exact size. The parts that
 * do not depend on how the topic is sent are computed here; {@link #total} adds the topic or its alias.
 *
 * <p>Used on the broker's event-loop thread.
 */
final class PublishSize {

    /** The largest value a Variable Byte Integer holds (MQTT 5 §1.5.5). */
    private static final int MAX_VARIABLE_BYTE_INTEGER = 268_435_455;

    private final int topicBytes;
    /** The properties but the Topic Alias, or -1 for a client before MQTT 5, whose PUBLISH has no properties. */
    private final long propertiesBytes;
    /** The topic's length field, the packet identifier and the payload. */
    private final long otherBytes;

    private PublishSize(int topicBytes, long propertiesBytes, long otherBytes) {
        this.topicBytes = topicBytes;
        this.propertiesBytes = propertiesBytes;
        this.otherBytes = otherBytes;
    }

    /**
     * @param mqtt5 whether the PUBLISH carries MQTT 5 properties
     */
    static PublishSize of(Message message, List<Integer> subscriptionIdentifiers, boolean mqtt5) {
        long properties = mqtt5 ? propertiesLength(message.properties(), subscriptionIdentifiers) : -1;
        long other = 2L + (message.qos().value() > 0 ? 2 : 0) + message.payload().length;
        return new PublishSize(ByteBufUtil.utf8Bytes(message.topic()), properties, other);
    }

    /** @return the bytes of the topic name in UTF-8, without its length field */
    int topicBytes() {
        return topicBytes;
    }

    /** @return whether the PUBLISH has a properties section: it is for an MQTT 5 client */
    boolean hasProperties() {
        return propertiesBytes >= 0;
    }

    /** @return the length of the properties section, without its own length field */
    int propertiesLength(OutboundTopicAliases.Use alias) {
        return (int) (propertiesBytes + (alias.aliased() ? OutboundTopicAliases.PROPERTY_BYTES : 0));
    }

    /** @return the Remaining Length of the fixed header */
    int remainingLength(OutboundTopicAliases.Use alias) {
        return (int) Math.min(remaining(alias), Integer.MAX_VALUE);
    }

    /**
     * @param alias how the topic is sent: in full, with an alias, or as an alias alone
     * @return the whole packet's bytes, or {@link Integer#MAX_VALUE} for a packet no MQTT client could take
     */
    int total(OutboundTopicAliases.Use alias) {
        long remaining = remaining(alias);
        return remaining > MAX_VARIABLE_BYTE_INTEGER ? Integer.MAX_VALUE
                : 1 + WireEncoding.variableByteIntegerLength((int) remaining) + (int) remaining;
    }

    private long remaining(OutboundTopicAliases.Use alias) {
        long remaining = otherBytes + (alias.withTopic() ? topicBytes : 0);
        if (hasProperties()) {
            int properties = propertiesLength(alias);
            remaining += WireEncoding.variableByteIntegerLength(properties) + properties;
        }
        return remaining;
    }

    private static long propertiesLength(MessageProperties p, List<Integer> subscriptionIdentifiers) {
        long length = 0;
        if (p.payloadFormatIndicator() != null) {
            length += 2;
        }
        if (p.messageExpiryInterval() != null) {
            length += 5;
        }
        if (p.contentType() != null) {
            length += 1 + WireEncoding.stringLength(p.contentType());
        }
        if (p.responseTopic() != null) {
            length += 1 + WireEncoding.stringLength(p.responseTopic());
        }
        if (p.correlationData() != null) {
            length += 3 + p.correlationData().length;
        }
        for (UserProperty user : p.userProperties()) {
            length += 1 + WireEncoding.stringLength(user.name()) + WireEncoding.stringLength(user.value());
        }
        for (int id : subscriptionIdentifiers) {
            length += 1 + WireEncoding.variableByteIntegerLength(id);
        }
        return length;
    }
}
