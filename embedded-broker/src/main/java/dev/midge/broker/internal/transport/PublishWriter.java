package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * Writes the PUBLISH packets one client is sent, each into one buffer of its exact size: with MQTT 5 properties for
 * MQTT 5 clients, with topic aliases as long as the packet that brings a new alias stays within the client's Maximum
 * Packet Size, and none at all that would exceed it.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class PublishWriter {

    /** How a topic not yet aliased would be sent with a new alias: the topic name and the Topic Alias property. */
    private static final OutboundTopicAliases.Use NEW_ALIAS = new OutboundTopicAliases.Use(1, true);

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
     * @param allocator the connection's buffer allocator
     * @return the bytes of the PUBLISH to send now, which takes a topic alias if it brings a new one; null when it
     *         would be larger than the client's Maximum Packet Size (MQTT-3.1.2-24), in which case no alias changes
     *         either
     */
    ByteBuf packet(ByteBufAllocator allocator, int packetId, Message message, boolean duplicate,
                   List<Integer> subscriptionIdentifiers) {
        PublishSize size = PublishSize.of(message, subscriptionIdentifiers, protocolVersion.isMqtt5());
        String topic = message.topic();
        boolean room = size.total(NEW_ALIAS) <= maximumPacketSize;
        if (size.total(aliases.peek(topic, room)) > maximumPacketSize) {
            return null;
        }
        return PublishEncoding.encode(allocator, size, aliases.use(topic, room), packetId, message, duplicate,
                subscriptionIdentifiers);
    }
}
