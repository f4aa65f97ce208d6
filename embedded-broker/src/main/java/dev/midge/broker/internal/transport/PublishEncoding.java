package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.List;

/**
 * Writes a PUBLISH straight into one buffer of its exact size, without building packet objects for every subscriber
 * first; {@link ControlPacketEncoding} writes the other packets the broker sends. The properties are written in the
 * order of their identifiers, those that repeat (Subscription Identifiers, User Properties) in the order given: the
 * order of User Properties is kept (MQTT-3.3.2-18).
 *
 * <p>Used on the broker's event-loop thread.
 */
final class PublishEncoding {

    private static final int PUBLISH = 3;

    private PublishEncoding() {
    }

    /**
     * @param size  the packet's size, computed for it
     * @param alias how the topic is sent: in full, with an alias, or as an alias alone
     * @return the whole packet, which the caller owns
     */
    static ByteBuf encode(ByteBufAllocator allocator, PublishSize size, OutboundTopicAliases.Use alias, int packetId,
                          Message message, boolean duplicate, List<Integer> subscriptionIdentifiers) {
        int total = size.total(alias);
        ByteBuf out = allocator.ioBuffer(total, total);
        int qos = message.qos().value();
        out.writeByte(PUBLISH << 4 | (duplicate ? 0x08 : 0) | qos << 1 | (message.retain() ? 0x01 : 0));
        WireEncoding.writeVariableByteInteger(out, size.remainingLength(alias));
        if (alias.withTopic()) {
            out.writeShort(size.topicBytes());
            ByteBufUtil.reserveAndWriteUtf8(out, message.topic(), size.topicBytes());
        } else {
            out.writeShort(0);
        }
        if (qos > 0) {
            out.writeShort(packetId);
        }
        if (size.hasProperties()) {
            WireEncoding.writeVariableByteInteger(out, size.propertiesLength(alias));
            writeProperties(out, message.properties(), alias, subscriptionIdentifiers);
        }
        out.writeBytes(message.payload());
        return out;
    }

    private static void writeProperties(ByteBuf out, MessageProperties p, OutboundTopicAliases.Use alias,
                                        List<Integer> subscriptionIdentifiers) {
        if (p.payloadFormatIndicator() != null) {
            out.writeByte(MqttProperties.PAYLOAD_FORMAT_INDICATOR);
            out.writeByte(p.payloadFormatIndicator());
        }
        if (p.messageExpiryInterval() != null) {
            out.writeByte(MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
            out.writeInt((int) p.messageExpiryInterval().longValue());
        }
        if (p.contentType() != null) {
            writeString(out, MqttProperties.CONTENT_TYPE, p.contentType());
        }
        if (p.responseTopic() != null) {
            writeString(out, MqttProperties.RESPONSE_TOPIC, p.responseTopic());
        }
        if (p.correlationData() != null) {
            out.writeByte(MqttProperties.CORRELATION_DATA);
            WireEncoding.writeBinary(out, p.correlationData());
        }
        for (int id : subscriptionIdentifiers) {
            out.writeByte(MqttProperties.SUBSCRIPTION_IDENTIFIER);
            WireEncoding.writeVariableByteInteger(out, id);
        }
        if (alias.aliased()) {
            out.writeByte(MqttProperties.TOPIC_ALIAS);
            out.writeShort(alias.alias());
        }
        for (UserProperty user : p.userProperties()) {
            out.writeByte(MqttProperties.USER_PROPERTY);
            WireEncoding.writeString(out, user.name());
            WireEncoding.writeString(out, user.value());
        }
    }

    private static void writeString(ByteBuf out, int propertyId, String value) {
        out.writeByte(propertyId);
        WireEncoding.writeString(out, value);
    }
}
