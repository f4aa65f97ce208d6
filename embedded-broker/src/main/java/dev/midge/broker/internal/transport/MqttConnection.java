package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One client connection: reads packets, checks the protocol rules that belong to the connection (keep-alive,
 * malformed input), hands the packets before CONNACK to its {@link ConnectHandshake} and those after to
 * {@link PacketHandler}, and is the core's {@link ClientLink} to the client.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class MqttConnection implements ClientLink, Peer, ConnectionTail.Receiver, Backpressure.Listener,
        ReadTimeout.Listener, NetworkFaults.Connection, ConnectHandshake.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final ChannelHandlerContext channel;
    private final BrokerCore core;
    private final Listener listener;
    private final PacketHandler packets;
    private final FlushBatch flushes;
    private final OutOfMemoryGuard outOfMemory;
    private final NetworkFaults networkFaults;
    private final ReadTimeout readTimeout;

    /** Until the client is accepted. */
    private ConnectHandshake handshake;
    /** From the client's acceptance on. */
    private Session session;
    /** Made as the core decides on the CONNECT; holds the client's protocol version from then on. */
    private PublishWriter publishes;
    private int receiveMaximum;
    /** Made as the connection starts to end. */
    private ConnectionClose closer;

    /**
     * @param channel the context of the connection's {@link ConnectionTail}, which writes start from
     */
    MqttConnection(ChannelHandlerContext channel, BrokerCore core, Listener listener, FlushBatch flushes,
                   OutOfMemoryGuard outOfMemory, NetworkFaults networkFaults) {
        this.outOfMemory = outOfMemory;
        this.networkFaults = networkFaults;
        this.flushes = flushes;
        this.channel = channel;
        this.core = core;
        this.listener = listener;
        this.packets = new PacketHandler(this, core, listener.receiveMaximum());
        this.readTimeout = listener.timers().readTimeout(listener.connectTimeoutMillis(), this);
        this.handshake = new ConnectHandshake(this, channel, core, listener, readTimeout);
    }

    void start(ConnectionTail tail) {
        Pipelines.configure(channel.pipeline(), listener, core.memoryBudget(),
                new Backpressure(listener.writeTimeoutMillis(), this), packets::bridgeClient);
        networkFaults.attach(this);
        tail.serve(this);
        readTimeout.start(channel.channel());
    }

    @Override
    public void received(Object msg) {
        readTimeout.heard();
        if (msg instanceof MqttMessage packet) {
            onPacket(packet);
        } else if (msg instanceof HttpRequest request) {
            closer().refuseHttp(request);
        } else {
            protocolError("unexpected " + msg.getClass().getSimpleName());
        }
    }

    @Override
    public void closed() {
        readTimeout.stop();
        networkFaults.detach(this);
        closer().closed(session);
    }

    private boolean closing() {
        return closer != null && closer.begun();
    }

    private ConnectionClose closer() {
        if (closer == null) {
            closer = new ConnectionClose(channel, core, this);
        }
        return closer;
    }

    @Override
    public ChannelPipeline pipeline() {
        return channel.pipeline();
    }

    @Override
    public String clientId() {
        return session == null ? null : session.clientId();
    }

    private void onPacket(MqttMessage packet) {
        if (closing()) {
            return;
        }
        DecoderResult result = packet.decoderResult();
        if (result.isFailure()) {
            MalformedInput.answer(result.cause(), this, handshake);
            return;
        }
        try {
            if (handshake != null) {
                handshake.received(packet);
            } else {
                packets.handle(packet, session);
            }
        } catch (RuntimeException e) {
            onHandlingFailed(packet, e);
        }
    }

    /**
     * An application callback (authenticator, authorizer) or the broker itself failed on a packet: the client must
     * not be left waiting for an answer that will never come.
     */
    private void onHandlingFailed(MqttMessage packet, RuntimeException error) {
        String what = "handling " + packet.fixedHeader().messageType() + " failed: " + error;
        LOG.warn("Closing the connection from {}: {}", ConnectionTail.address(channel), what, error);
        if (closing()) {
            return;
        }
        if (handshake != null) {
            handshake.failed(what);
        } else {
            close(DisconnectReason.DROPPED_BY_BROKER, what);
        }
    }

    @Override
    public void refuse(ByteBuf connack, String why) {
        closer().refuse(connack, why);
    }

    @Override
    public ClientLink admitting(PublishWriter publishes, int receiveMaximum) {
        this.publishes = publishes;
        this.receiveMaximum = receiveMaximum;
        return this;
    }

    @Override
    public void accepted(Session session, EnhancedAuthentication authentication, boolean noSessionExpiry) {
        this.session = session;
        packets.accepted(authentication, noSessionExpiry);
        handshake = null;
    }

    @Override
    public void clientDisconnected(int reasonCode, Long newSessionExpiry) {
        closer().clientDisconnected(reasonCode == ReasonCode.DISCONNECT_WITH_WILL_MESSAGE.value(), newSessionExpiry);
    }

    @Override
    public void protocolError(String detail) {
        close(DisconnectReason.PROTOCOL_ERROR, detail);
    }

    @Override
    public void violation(ReasonCode reasonCode, String detail) {
        closeWith(DisconnectReason.PROTOCOL_ERROR, reasonCode, detail);
    }

    @Override
    public void hearingChanged() {
        readTimeout.hearingChanged();
    }

    @Override
    public void timedOut() {
        if (handshake != null) {
            handshake.timedOut();
        } else {
            close(DisconnectReason.KEEP_ALIVE_TIMEOUT, "no packet within 1.5 times the keep-alive interval");
        }
    }

    @Override
    public void writable() {
        if (session != null && !closing()) {
            core.writable(session);
        }
    }

    @Override
    public void writeTimedOut() {
        closer().writeTimedOut(session, "the client read nothing for " + listener.writeTimeoutMillis() + " ms");
    }

    @Override
    public void failed(Throwable error) {
        if (outOfMemory.handled(error)) {
            return;
        }
        DisconnectReason undecodable = closing() ? null : MalformedInput.undecodable(error);
        if (undecodable != null) {
            close(undecodable, String.valueOf(error.getMessage()));
        } else {
            closer().failed(error);
        }
    }

    @Override
    public void close(DisconnectReason reason, String detail) {
        closeWith(reason, ReasonCode.forDisconnect(reason), detail);
    }

    private void closeWith(DisconnectReason reason, ReasonCode code, String detail) {
        // The DISCONNECT's buffer is made only for a close that will write it.
        boolean told = session != null && code != null && protocolVersion().isMqtt5() && !closer().begun();
        closer().close(session, reason, detail, told ? ControlPacketEncoding.disconnect(channel.alloc(),
                protocolVersion(), code, detail) : null);
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void send(ByteBuf packet, boolean promises) {
        write(packet, promises);
    }

    /** Writes a packet, or the HTTP response that refuses a WebSocket request. */
    void write(Object packet, boolean promises) {
        // Nothing waits on a write's outcome: the channel's own promise that reports nothing, not one per write.
        flushes.write(channel, channel.channel().unsafe().voidPromise(), packet, promises);
    }

    @Override
    public ProtocolVersion protocolVersion() {
        return publishes.protocolVersion();
    }

    @Override
    public boolean sendPublish(int packetId, Message message, boolean duplicate,
                               List<Integer> subscriptionIdentifiers) {
        ByteBuf packet = publishes.packet(channel.alloc(), packetId, message, duplicate, subscriptionIdentifiers);
        if (packet != null) {
            // The client holds the broker to the packet identifier of a QoS 2 PUBLISH.
            send(packet, message.qos() == QoS.EXACTLY_ONCE);
        }
        return packet != null;
    }

    @Override
    public void sendPubrel(int packetId) {
        send(ControlPacketEncoding.reply(channel.alloc(), protocolVersion(), MqttMessageType.PUBREL, packetId,
                ReasonCode.SUCCESS), true);
    }

    @Override
    public boolean isWritable() {
        return channel.channel().isWritable();
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }
}
