package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeAddress;
import dev.midge.broker.internal.BridgeRoutes;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * One connection of a bridge to its upstream broker, the bridge being the client: it sends CONNECT, subscribes to the
 * inbound topics once accepted, then passes the upstream's packets on: PUBLISH and PUBREL to {@link UpstreamInbound},
 * the acknowledgements of what went up to the core. What the core sends up goes through its {@link UpstreamLink}.
 * Keep-alive and the codec are {@link UpstreamPipeline}'s.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class UpstreamConnection {

    /** What the connection tells the bridge that opened it. */
    interface Owner {
        /**
         * The upstream accepted the CONNECT: the bridge attaches the connection's {@link #link} to its session on this
         * broker, whose messages may go up from now on.
         *
         * @return that session, which the upstream's messages are published from
         */
        Session attached(UpstreamConnection connection, boolean sessionPresent);

        /** The upstream has granted the subscriptions too (at once when there are none): the bridge is up. */
        void ready(UpstreamConnection connection, boolean sessionPresent);

        /** The connection ended, accepted or not, and is not used again. */
        void ended(UpstreamConnection connection, String reason);
    }

    /** The name of the connection's own handler, the last of its pipeline, which every other one goes before. */
    static final String HANDLER = "midge-upstream";

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);
    private static final int SUBSCRIBE_PACKET_ID = 1;

    private final Bridge bridge;
    private final BridgeAddress address;
    private final BridgeRoutes routes;
    private final Channel channel;
    private final Consumer<Throwable> unhandled;
    private final BrokerCore core;
    private final Owner owner;
    private final ProtocolVersion version;
    private final UpstreamLink link;
    private final UpstreamInbound inbound;
    private Session session;
    private boolean accepted;
    private boolean sessionPresent;
    private boolean ready;
    private boolean refused;
    private String endReason;
    private boolean ended;

    /**
     * @param channel   the connection, connected (and its TLS handshake done), with {@link #HANDLER} in its pipeline
     * @param unhandled takes what the handling of the upstream's packets and of the connection's events throws
     */
    UpstreamConnection(Bridge bridge, BridgeAddress address, BridgeRoutes routes, Channel channel, BrokerCore core,
                       Owner owner, Consumer<Throwable> unhandled) {
        this.bridge = bridge;
        this.address = address;
        this.routes = routes;
        this.channel = channel;
        this.unhandled = unhandled;
        this.core = core;
        this.owner = owner;
        this.version = bridge.protocol() == Bridge.Protocol.MQTT_5 ? ProtocolVersion.MQTT_5
                : ProtocolVersion.MQTT_3_1_1;
        this.link = new UpstreamLink(version, routes, channel, this::send, this::end);
        this.inbound = new UpstreamInbound(core, routes, this::send);
    }

    /**
     * Installs the codec and sends CONNECT once the transport is ready (at once, or after the WebSocket handshake).
     */
    void start() {
        channel.pipeline().replace(HANDLER, HANDLER, new Events());
        if (!channel.isActive()) {
            ended("the upstream closed the connection");
            return;
        }
        UpstreamPipeline.configure(channel.pipeline(), bridge, address, this::sendConnect, this::onSilence);
    }

    private void sendConnect() {
        send(UpstreamPackets.connect(bridge, version));
    }

    private void onSilence() {
        end(session != null ? "no packet from the upstream within 1.5 times the keep-alive interval"
                : "no CONNACK from the upstream within 1.5 times the keep-alive interval");
    }

    private void onMessage(Object msg) {
        try {
            if (!ended && msg instanceof MqttMessage packet) {
                if (packet.decoderResult().isFailure()) {
                    end("unreadable packet from the upstream: " + packet.decoderResult().cause().getMessage());
                } else {
                    onPacket(packet);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onPacket(MqttMessage packet) {
        MqttMessageType type = packet.fixedHeader().messageType();
        if (!accepted && type != MqttMessageType.CONNACK) {
            end("the upstream sent " + type + " before CONNACK");
            return;
        }
        switch (type) {
            case CONNACK -> connack((MqttConnAckMessage) packet);
            case SUBACK -> suback((MqttSubAckMessage) packet);
            case PUBLISH -> inbound.publish((MqttPublishMessage) packet, session);
            case PUBACK -> core.acknowledged(session, UpstreamPackets.packetId(packet));
            case PUBREC -> core.received(session, UpstreamPackets.packetId(packet),
                    UpstreamPackets.reasonCode(packet) < 0x80);
            case PUBREL -> inbound.release(UpstreamPackets.packetId(packet), session);
            case PUBCOMP -> core.completed(session, UpstreamPackets.packetId(packet));
            case PINGRESP -> { }
            case DISCONNECT -> end("the upstream disconnected the bridge" + UpstreamPackets.disconnectReason(packet));
            default -> end("the upstream sent " + type + ", which servers do not send");
        }
    }

    private void connack(MqttConnAckMessage connack) {
        if (accepted) {
            end("the upstream sent a second CONNACK");
            return;
        }
        int code = connack.variableHeader().connectReturnCode().byteValue() & 0xFF;
        if (code != 0) {
            refused = true;
            end("the upstream refused the connection: " + UpstreamPackets.describeRefusal(code, version)
                    + UpstreamPackets.reasonString(connack.variableHeader().properties()));
            return;
        }
        link.accepted(connack.variableHeader().properties());
        accepted = true;
        sessionPresent = connack.variableHeader().isSessionPresent();
        session = owner.attached(this, sessionPresent);
        List<BridgeRoutes.Remote> subscriptions = routes.remoteSubscriptions();
        if (subscriptions.isEmpty()) {
            ready();
        } else {
            send(UpstreamPackets.subscribe(SUBSCRIBE_PACKET_ID, subscriptions, version));
        }
    }

    private void ready() {
        ready = true;
        owner.ready(this, sessionPresent);
    }

    private void suback(MqttSubAckMessage suback) {
        if (ready) {
            end("the upstream sent a SUBACK the bridge did not ask for");
            return;
        }
        List<Integer> codes = suback.payload().reasonCodes();
        List<BridgeRoutes.Remote> asked = routes.remoteSubscriptions();
        for (int i = 0; i < codes.size() && i < asked.size(); i++) {
            if (codes.get(i) >= 0x80) {
                LOG.error("Bridge {}: the upstream refused the subscription to {} (code 0x{}): "
                        + "nothing comes in on it", bridge.name(), asked.get(i).filter(),
                        Integer.toHexString(codes.get(i)));
            }
        }
        ready();
    }

    /**
     * Ends the connection from the bridge's side.
     *
     * @param reason why, for the event and the log
     */
    void end(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
        channel.close();
    }

    /**
     * Ends the connection with a DISCONNECT, after which the upstream drops the bridge's will: for a bridge that
     * moves to another address of the same upstream, where it will say it is up again.
     *
     * @param reason why, for the event and the log
     */
    void leave(String reason) {
        send(UpstreamPackets.disconnect());
        end(reason);
    }

    private void ended(String reason) {
        if (!ended) {
            ended = true;
            owner.ended(this, reason);
        }
    }

    /** @return the upstream address the connection was made to */
    BridgeAddress address() {
        return address;
    }

    /** @return whether the upstream refused the CONNECT, which retrying alone will not change */
    boolean isRefused() {
        return refused;
    }

    /** @return whether the upstream granted the subscriptions too, and the bridge was reported up */
    boolean isReady() {
        return ready;
    }

    /** @return whether the upstream accepted the CONNECT, and the connection was attached to the bridge's session */
    boolean isAccepted() {
        return session != null;
    }

    private void send(Object packet) {
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    /** @return the core's link to the bridge's session through this connection */
    UpstreamLink link() {
        return link;
    }

    /** @return the MQTT version the bridge speaks to the upstream */
    ProtocolVersion protocolVersion() {
        return version;
    }

    /** The connection's handler, last in its pipeline: what the codec reads, failures, the close and writability. */
    private final class Events extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                onMessage(msg);
            } catch (Throwable error) {
                unhandled.accept(error);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            try {
                end("network failure: " + cause.getMessage());
            } catch (Throwable error) {
                unhandled.accept(error);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            try {
                ended(endReason != null ? endReason : "the upstream closed the connection");
            } catch (Throwable error) {
                unhandled.accept(error);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            try {
                if (ctx.channel().isWritable() && session != null && !ended) {
                    core.writable(session);
                }
            } catch (Throwable error) {
                unhandled.accept(error);
            }
        }
    }
}
