package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.List;

/**
 * Builds the PUBLISH packets one client is sent: with MQTT 5 properties for MQTT 5 clients, with topic aliases as
 * long as the packet that brings a new alias stays within the client's Maximum Packet Size, and none at all that
 * would exceed it.
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

    /** @return the client's MQTT version */
    ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    /** @param bytes the largest packet the client accepts (MQTT 5 Maximum Packet Size) */
    void maximumPacketSize(int bytes) {
        this.maximumPacketSize = bytes;
    }

    /**
     * @return the PUBLISH to send now, which takes a topic alias if it brings a new one; null when it would be larger
     *         than the client's Maximum Packet Size (MQTT-3.1.2-24), in which case no alias changes either
     */
    MqttMessage packet(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers) {
        boolean room = PublishSize.allowsNewAlias(message, packetId, subscriptionIdentifiers, protocolVersion,
                maximumPacketSize);
        if (maximumPacketSize != Integer.MAX_VALUE && PublishSize.of(message, packetId, subscriptionIdentifiers,
                protocolVersion, aliases.peek(message.topic(), room)) > maximumPacketSize) {
            return null;
        }
        return Packets.publish(packetId, message, duplicate, subscriptionIdentifiers, protocolVersion,
                aliases.use(message.topic(), room));
    }
}
