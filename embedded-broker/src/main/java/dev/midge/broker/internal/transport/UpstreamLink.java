package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.internal.BridgeRoutes;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.List;
import java.util.function.Consumer;

/**
 * The core's {@link ClientLink} for a bridge's session while its {@link UpstreamConnection} is up: the messages of
 * the session go upstream under their remote topics, within the Receive Maximum and Maximum Packet Size the
 * upstream's CONNACK set.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class UpstreamLink implements ClientLink {

    private static final int UNLIMITED_RECEIVE = 65535;

    private final ProtocolVersion version;
    private final BridgeRoutes routes;
    private final Channel channel;
    private final Consumer<Object> send;
    private final Consumer<String> end;
    private final PublishWriter publishes;
    private int receiveMaximum = UNLIMITED_RECEIVE;

    /**
     * @param send writes a packet to the upstream
     * @param end  ends the connection, for the reason given
     */
    UpstreamLink(ProtocolVersion version, BridgeRoutes routes, Channel channel, Consumer<Object> send,
                 Consumer<String> end) {
        this.version = version;
        this.routes = routes;
        this.channel = channel;
        this.send = send;
        this.end = end;
        this.publishes = new PublishWriter(version, new OutboundTopicAliases(0));
    }

    /**
     * Takes the limits the upstream set in its CONNACK, before any message goes up.
     *
     * @param connackProperties the CONNACK's properties (none for MQTT 3.1.1)
     */
    void accepted(MqttProperties connackProperties) {
        Integer receive = WireProperties.intValue(connackProperties, MqttProperties.RECEIVE_MAXIMUM);
        if (receive != null && receive > 0) {
            receiveMaximum = receive;
        }
        Integer maxPacket = WireProperties.intValue(connackProperties, MqttProperties.MAXIMUM_PACKET_SIZE);
        if (maxPacket != null && maxPacket > 0) {
            publishes.maximumPacketSize(maxPacket);
        }
    }

    @Override
    public ProtocolVersion protocolVersion() {
        return version;
    }

    @Override
    public boolean sendPublish(int packetId, Message message, boolean duplicate,
                               List<Integer> subscriptionIdentifiers) {
        ByteBuf packet = publishes.packet(channel.alloc(), packetId, upstream(message), duplicate, List.of());
        if (packet == null) {
            return false;
        }
        send.accept(packet);
        return true;
    }

    private Message upstream(Message message) {
        String remoteTopic = routes.toRemote(message.topic());
        return remoteTopic.equals(message.topic()) ? message
                : new Message(remoteTopic, message.payload(), message.qos(), message.retain(), message.properties());
    }

    @Override
    public void sendPubrel(int packetId) {
        send.accept(UpstreamPackets.reply(MqttMessageType.PUBREL, packetId, ReasonCode.SUCCESS));
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void close(DisconnectReason reason, String detail) {
        if (version.isMqtt5()) {
            send.accept(UpstreamPackets.disconnect());
        }
        end.accept("the broker ended the bridge's session: " + reason + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }
}
