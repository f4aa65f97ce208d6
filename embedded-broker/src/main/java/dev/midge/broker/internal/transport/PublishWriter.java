package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.List;

/**
 * Builds the PUBLISH packets one client is sent: with MQTT 5 properties for MQTT 5 clients, and with topic aliases
 * as long as the packet that brings a new alias stays within the client's Maximum Packet Size.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class PublishWriter {

    private final ProtocolVersion protocolVersion;
    private final OutboundTopicAliases aliases;
    private int maximumPacketSize = Integer.MAX_VALUE;

    /**
     * @param protocolVersion the client's MQTT version
     * @param aliases         the topic aliases the client allows
     */
    PublishWriter(ProtocolVersion protocolVersion, OutboundTopicAliases aliases) {
        this.protocolVersion = protocolVersion;
        this.aliases = aliases;
    }

    /** @param bytes the largest packet the client accepts (MQTT 5 Maximum Packet Size) */
    void maximumPacketSize(int bytes) {
        this.maximumPacketSize = bytes;
    }

    /** @return the largest packet the client accepts, {@link Integer#MAX_VALUE} when it set no limit */
    int maximumPacketSize() {
        return maximumPacketSize;
    }

    /** @return the PUBLISH to send now, which takes a topic alias if it brings a new one */
    MqttMessage packet(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers) {
        return Packets.publish(packetId, message, duplicate, subscriptionIdentifiers, protocolVersion,
                topicAlias(message, packetId, subscriptionIdentifiers, true));
    }

    /** @return the size of the PUBLISH {@link #packet} would build now, in bytes */
    int size(Message message, int packetId, List<Integer> subscriptionIdentifiers) {
        return PublishSize.of(message, packetId, subscriptionIdentifiers, protocolVersion,
                topicAlias(message, packetId, subscriptionIdentifiers, false));
    }

    private OutboundTopicAliases.Use topicAlias(Message message, int packetId, List<Integer> ids, boolean sent) {
        boolean room = PublishSize.allowsNewAlias(message, packetId, ids, protocolVersion, maximumPacketSize);
        return sent ? aliases.use(message.topic(), room) : aliases.peek(message.topic(), room);
    }
}
