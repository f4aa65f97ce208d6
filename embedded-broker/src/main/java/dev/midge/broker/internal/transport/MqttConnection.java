package dev.midge.broker.internal.transport;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.ConnectAttempt;
import dev.midge.broker.internal.ConnectOutcome;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One client connection: reads packets, checks the protocol rules that belong to the connection (CONNECT first
 * and once, keep-alive, malformed input), hands everything else to {@link PacketHandler}, and is the core's
 * {@link ClientLink} to the client.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class MqttConnection implements ClientLink, Peer, ConnectionTail.Receiver, Backpressure.Listener,
        ReadTimeout.Listener, NetworkFaults.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final ChannelHandlerContext channel;
    private final BrokerCore core;
    private final Listener listener;
    private final PacketHandler packets;
    private final FlushBatch flushes;
    private final OutOfMemoryGuard outOfMemory;
    private final NetworkFaults networkFaults;
    private final ReadTimeout readTimeout;
    /** When the connection started, which an enhanced authentication's deadline is counted from. */
    private final long startMillis;

    private Session session;
    private ProtocolVersion protocolVersion = ProtocolVersion.MQTT_3_1_1;
    private int receiveMaximum = 65535;
    /** Whether the CONNECT asked for a session that ends with the connection, which DISCONNECT may not change. */
    private boolean noSessionExpiryAtConnect;
    private boolean bridgeClient;
    /** Made for a CONNECT that names an Authentication Method: most clients name none. */
    private EnhancedAuthentication authentication;
    /** Made as the connection starts to end. */
    private ConnectionClose closer;
    private PublishWriter publishes = new PublishWriter(protocolVersion, OutboundTopicAliases.NONE);

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
        this.startMillis = listener.timers().millis();
        this.packets = new PacketHandler(this, core, listener.receiveMaximum());
        this.readTimeout = listener.timers().readTimeout(listener.connectTimeoutMillis(), this);
    }

    void start(ConnectionTail tail) {
        Pipelines.configure(channel.pipeline(), listener, core.memoryBudget(),
                new Backpressure(listener.writeTimeoutMillis(), this), () -> bridgeClient = true);
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
            MalformedInput.answer(result.cause(), this, session != null);
            return;
        }
        try {
            if (packet instanceof MqttConnectMessage connect) {
                if (session != null || awaitsConnack()) {
                    protocolError("second CONNECT on one connection");
                } else {
                    onConnect(connect);
                }
            } else if (awaitsConnack()) {
                authentication.beforeConnack(packet);
            } else if (session == null) {
                protocolError(packet.fixedHeader().messageType() + " before CONNECT");
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
        if (session == null) {
            refuse(ConnectCode.SERVER_UNAVAILABLE.codeFor(protocolVersion.level()), what);
        } else {
            close(DisconnectReason.DROPPED_BY_BROKER, what);
        }
    }

    /** Refuses the CONNECT with a CONNACK return code (3.x) or reason code (5.0) and ends the connection. */
    void refuse(int code, String why) {
        closer().refuse(Packets.connack(code, false,
                protocolVersion.isMqtt5() ? WireProperties.reasonString(why) : MqttProperties.NO_PROPERTIES), why);
    }

    /** Takes the protocol version of a CONNECT that could not be read, to answer it in that version. */
    void adoptProtocolVersion(int level) {
        protocolVersion = ProtocolVersion.of(level);
    }

    /** Refuses a CONNECT the core has not decided on, as an event too. */
    void refuseConnect(ConnectAttempt attempt, ConnectCode code, String why) {
        core.refuse(attempt, code);
        refuse(code.codeFor(protocolVersion.level()), why);
    }

    private void onConnect(MqttConnectMessage connect) {
        protocolVersion = ProtocolVersion.of(connect.variableHeader().version());
        ConnectReading.Result result = ConnectReading.read(connect, ConnectionTail.address(channel),
                listener.transport(), listener.transport().tls() ? TlsPeer.certificate(channel.pipeline()) : null);
        if (result instanceof ConnectReading.Refused refused) {
            if (refused.unanswered()) {
                protocolError(refused.why());
            } else {
                refuse(refused.reasonCode(), refused.why());
            }
            return;
        }
        ConnectReading.Read read = (ConnectReading.Read) result;
        publishes = new PublishWriter(protocolVersion,
                OutboundTopicAliases.asked(connect.variableHeader().properties(), listener.topicAliases()));
        if (read.attempt().authenticationMethod() != null) {
            authentication = new EnhancedAuthentication(this, listener, channel.channel(), startMillis);
            authentication.connect(read);
        } else {
            accept(read);
        }
    }

    /** A CONNECT its authentication method accepted, or one for the authenticator: the core decides. */
    void accept(ConnectReading.Read read) {
        ConnectAttempt attempt = read.attempt();
        receiveMaximum = read.receiveMaximum();
        publishes.maximumPacketSize(read.maximumPacketSize());
        noSessionExpiryAtConnect = attempt.sessionExpirySeconds() == 0;
        ConnectOutcome outcome = core.connect(attempt, this);
        if (!outcome.code().isAccepted()) {
            refuse(outcome.code().codeFor(protocolVersion.level()), outcome.code().name());
            return;
        }
        session = outcome.session();
        NetworkFaults.identified(channel.pipeline());
        boolean v5 = protocolVersion.isMqtt5();
        int keepAlive = attempt.keepAliveSeconds();
        int serverKeepAlive = -1;
        int max = listener.maxKeepAliveSeconds();
        if (v5 && max > 0 && (keepAlive == 0 || keepAlive > max)) {
            serverKeepAlive = max;
            keepAlive = max;
        }
        readTimeout.keepAlive(keepAlive);
        String askingClientId = read.requestsResponseInformation() ? session.clientId() : null;
        MqttProperties properties = v5 ? ConnackProperties.of(listener, outcome.assignedClientId(), serverKeepAlive,
                askingClientId) : MqttProperties.NO_PROPERTIES;
        send(Packets.connack(0, outcome.sessionPresent(), v5 && authentication != null
                ? authentication.connack(properties) : properties));
        core.connected(session);
    }

    private boolean awaitsConnack() {
        return authentication != null && authentication.awaitsConnack();
    }

    @Override
    public void authenticate(MqttMessage auth) {
        if (authentication == null) {
            protocolError(EnhancedAuthentication.NO_METHOD);
        } else {
            authentication.afterConnack(auth);
        }
    }

    @Override
    public void clientDisconnected(int reasonCode, Long newSessionExpiry) {
        if (newSessionExpiry != null && noSessionExpiryAtConnect && newSessionExpiry != 0) {
            protocolError("session expiry set at DISCONNECT after 0 at CONNECT");
            return;
        }
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
        if (awaitsConnack()) {
            authentication.timedOut();
        } else if (session == null) {
            closer().close(null, DisconnectReason.PROTOCOL_ERROR, "no CONNECT within the connect timeout", null);
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
        boolean told = protocolVersion.isMqtt5() && session != null && code != null;
        closer().close(session, reason, detail, told ? Packets.disconnect(code, detail) : null);
    }

    @Override
    public void send(Object packet) {
        // Nothing waits on a write's outcome: the channel's own promise that reports nothing, not one per write.
        flushes.write(channel, channel.channel().unsafe().voidPromise(), packet);
    }

    @Override
    public boolean bridgeClient() {
        return bridgeClient;
    }

    @Override
    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    @Override
    public boolean sendPublish(int packetId, Message message, boolean duplicate,
                               List<Integer> subscriptionIdentifiers) {
        MqttMessage packet = publishes.packet(packetId, message, duplicate, subscriptionIdentifiers);
        if (packet == null) {
            return false;
        }
        send(packet);
        return true;
    }

    @Override
    public void sendPubrel(int packetId) {
        send(Packets.reply(MqttMessageType.PUBREL, packetId, ReasonCode.SUCCESS));
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
