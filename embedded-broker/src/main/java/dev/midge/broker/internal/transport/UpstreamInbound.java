package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.BridgeRoutes;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.Session;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.util.function.Consumer;

/**
 * What a bridge receives from its upstream: each PUBLISH is published on this broker from the bridge's session
 * under its local topic, then acknowledged; a QoS 2 message is published once however often the upstream sends it
 * before releasing it.
 *
 * <p>Runs on the broker's event-loop thread.
 */
final class UpstreamInbound {

    private final BrokerCore core;
    private final BridgeRoutes routes;
    private final Consumer<Object> send;

    /**
     * @param send writes a packet to the upstream
     */
    UpstreamInbound(BrokerCore core, BridgeRoutes routes, Consumer<Object> send) {
        this.core = core;
        this.routes = routes;
        this.send = send;
    }

    void publish(MqttPublishMessage packet, Session session) {
        QoS qos = QoS.of(packet.fixedHeader().qosLevel().value());
        int packetId = packet.variableHeader().packetId();
        Message message = new Message(routes.toLocal(packet.variableHeader().topicName()),
                ByteBufUtil.getBytes(packet.payload()), qos, packet.fixedHeader().isRetain(),
                WireProperties.toMessageProperties(packet.variableHeader().properties()));
        switch (qos) {
            case AT_MOST_ONCE -> core.publish(session, message);
            case AT_LEAST_ONCE -> {
                core.publish(session, message);
                send.accept(UpstreamPackets.reply(MqttMessageType.PUBACK, packetId, ReasonCode.SUCCESS));
            }
            case EXACTLY_ONCE -> {
                if (core.firstReceipt(session, packetId)) {
                    core.publish(session, message);
                }
                send.accept(UpstreamPackets.reply(MqttMessageType.PUBREC, packetId, ReasonCode.SUCCESS));
            }
        }
    }

    void release(int packetId, Session session) {
        send.accept(UpstreamPackets.reply(MqttMessageType.PUBCOMP, packetId, core.release(session, packetId)
                ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND));
    }
}
