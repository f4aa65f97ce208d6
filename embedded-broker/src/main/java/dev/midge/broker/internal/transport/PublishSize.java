package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.UserProperty;
import dev.midge.broker.internal.ProtocolVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Computes the encoded size of a PUBLISH packet without encoding it, to honour a client's MQTT 5 Maximum Packet Size.
 */
final class PublishSize {

    private static final OutboundTopicAliases.Use NEW_ALIAS = new OutboundTopicAliases.Use(1, true);

    private PublishSize() {
    }

    /**
     * @param alias how the topic would be sent: in full, with an alias, or as an alias alone
     */
    static int of(Message message, int packetId, List<Integer> subscriptionIdentifiers, ProtocolVersion protocolVersion,
                  OutboundTopicAliases.Use alias) {
        long topic = alias.withTopic() ? utf8Length(message.topic()) : 0;
        long remaining = 2L + topic + (packetId != 0 ? 2 : 0) + message.payload().length;
        if (protocolVersion.isMqtt5()) {
            long properties = propertiesLength(message.properties(), subscriptionIdentifiers)
                    + (alias.aliased() ? OutboundTopicAliases.PROPERTY_BYTES : 0);
            remaining += varIntLength(properties) + properties;
        }
        long total = 1 + varIntLength(remaining) + remaining;
        return total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
    }

    /**
     * @return whether a new topic alias, which adds its property to the PUBLISH that brings it, keeps that PUBLISH
     *         within the client's Maximum Packet Size
     */
    static boolean allowsNewAlias(Message message, int packetId, List<Integer> subscriptionIdentifiers,
                                  ProtocolVersion protocolVersion, int maximumPacketSize) {
        return maximumPacketSize == Integer.MAX_VALUE || of(message, packetId, subscriptionIdentifiers,
                protocolVersion, NEW_ALIAS) <= maximumPacketSize;
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
            length += 3 + utf8Length(p.contentType());
        }
        if (p.responseTopic() != null) {
            length += 3 + utf8Length(p.responseTopic());
        }
        if (p.correlationData() != null) {
            length += 3 + p.correlationData().length;
        }
        for (UserProperty user : p.userProperties()) {
            length += 5 + utf8Length(user.name()) + utf8Length(user.value());
        }
        for (int id : subscriptionIdentifiers) {
            length += 1 + varIntLength(id);
        }
        return length;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int varIntLength(long value) {
        int bytes = 1;
        while (value >= 128) {
            value >>= 7;
            bytes++;
        }
        return bytes;
    }
}
