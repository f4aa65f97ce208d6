package dev.midge.broker.internal.transport;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.ConnectAttempt;
import dev.midge.broker.internal.ConnectOutcome;
import dev.midge.broker.internal.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.net.NetSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One client connection: reads packets, checks the protocol rules that belong to the connection (CONNECT first
 * and once, keep-alive, malformed input), hands everything else to {@link PacketHandler}, and is the core's
 * {@link ClientLink} to the client.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class MqttConnection implements ClientLink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final NetSocketInternal socket;
    private final ChannelHandlerContext channel;
    private final BrokerCore core;
    private final Listener listener;
    private final PacketHandler packets;
    private final FlushBatch flushes;
    private final ChannelPromise ignoredOutcome;
    private final OutOfMemoryGuard outOfMemory;

    private Session session;
    private int protocolVersion = 4;
    private int receiveMaximum = 65535;
    private int maximumPacketSize = Integer.MAX_VALUE;
    private long sessionExpiryAtConnect;
    private DisconnectReason closeReason;
    private String closeDetail = "";
    private boolean willWanted = true;
    private Long sessionExpiryAtDisconnect;

    MqttConnection(NetSocketInternal socket, BrokerCore core, Listener listener, FlushBatch flushes,
                   OutOfMemoryGuard outOfMemory) {
        this.socket = socket;
        this.outOfMemory = outOfMemory;
        this.flushes = flushes;
        this.channel = socket.channelHandlerContext();
        this.ignoredOutcome = new VoidChannelPromise(channel.channel(), false);
        this.core = core;
        this.listener = listener;
        this.packets = new PacketHandler(this, core);
    }

    void start() {
        Pipelines.configure(channel.pipeline(), listener, core.memoryBudget(),
                new Backpressure(listener.writeTimeoutMillis(), this::onWritable, this::onWriteTimeout), this::onIdle);
        socket.messageHandler(this::onMessage);
        socket.exceptionHandler(this::onException);
        socket.closeHandler(v -> onClosed());
    }

    private void onMessage(Object msg) {
        try {
            if (msg instanceof MqttMessage packet) {
                onPacket(packet);
            } else if (msg instanceof HttpRequest request) {
                refuseHttp(request);
            } else {
                protocolError("unexpected " + msg.getClass().getSimpleName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onPacket(MqttMessage packet) {
        if (closeReason != null) {
            return;
        }
        DecoderResult result = packet.decoderResult();
        if (result.isFailure()) {
            onMalformed(result.cause());
            return;
        }
        try {
            if (packet instanceof MqttConnectMessage connect) {
                if (session != null) {
                    protocolError("second CONNECT on one connection");
                } else {
                    onConnect(connect);
                }
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
        LOG.warn("Closing the connection from {}: {}", socket.remoteAddress(), what, error);
        if (closeReason != null) {
            return;
        }
        if (session == null) {
            refuse(ConnectCode.SERVER_UNAVAILABLE.codeFor(protocolVersion), what);
        } else {
            close(DisconnectReason.DROPPED_BY_BROKER, what);
        }
    }

    private void onMalformed(Throwable cause) {
        if (cause instanceof InvalidPacketException invalid) {
            onInvalid(invalid);
        } else if (session == null && cause instanceof MqttUnacceptableProtocolVersionException) {
            refuse(ConnectCode.UNSUPPORTED_PROTOCOL_VERSION.returnCode(), "unsupported protocol version");
        } else if (session == null && cause instanceof MqttIdentifierRejectedException) {
            refuse(ConnectCode.IDENTIFIER_REJECTED.returnCode(), cause.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            close(DisconnectReason.PACKET_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof PacketFramer.NoRoomException) {
            close(DisconnectReason.QUOTA_EXCEEDED, cause.getMessage());
        } else {
            violation(DisconnectCodes.MALFORMED_PACKET, "malformed packet: " + cause.getMessage());
        }
    }

    /**
     * A packet broke a rule: an MQTT 5 CONNECT is answered with CONNACK and the reason code, a later MQTT 5 packet
     * with DISCONNECT and the reason code; MQTT 3 has no codes for either, and the connection just ends.
     */
    private void onInvalid(InvalidPacketException invalid) {
        if (session == null && invalid.protocolVersion() >= 5) {
            protocolVersion = invalid.protocolVersion();
            refuse(invalid.reasonCode(), invalid.getMessage());
        } else {
            violation(invalid.reasonCode(), invalid.getMessage());
        }
    }

    private void refuse(int code, String why) {
        LOG.debug("Refusing a connection from {}: {}", socket.remoteAddress(), why);
        closeReason = DisconnectReason.PROTOCOL_ERROR;
        write(Packets.connack(code, false,
                protocolVersion >= 5 ? Properties.reasonString(why) : MqttProperties.NO_PROPERTIES));
        socket.close();
    }

    private void onConnect(MqttConnectMessage connect) {
        protocolVersion = connect.variableHeader().version();
        ConnectReading.Result result = ConnectReading.read(connect, String.valueOf(socket.remoteAddress()),
                listener.endpoint().label(), clientCertificate());
        if (result instanceof ConnectReading.Refused refused) {
            if (refused.unanswered()) {
                protocolError(refused.why());
            } else {
                refuse(refused.reasonCode(), refused.why());
            }
            return;
        }
        ConnectReading.Read read = (ConnectReading.Read) result;
        ConnectAttempt attempt = read.attempt();
        receiveMaximum = read.receiveMaximum();
        maximumPacketSize = read.maximumPacketSize();
        sessionExpiryAtConnect = attempt.sessionExpirySeconds();
        ConnectOutcome outcome = core.connect(attempt, this);
        if (!outcome.code().isAccepted()) {
            refuse(outcome.code().codeFor(protocolVersion), outcome.code().name());
            return;
        }
        session = outcome.session();
        boolean v5 = protocolVersion >= 5;
        int keepAlive = attempt.keepAliveSeconds();
        int serverKeepAlive = -1;
        int max = listener.maxKeepAliveSeconds();
        if (v5 && max > 0 && (keepAlive == 0 || keepAlive > max)) {
            serverKeepAlive = max;
            keepAlive = max;
        }
        Pipelines.keepAlive(channel.pipeline(), keepAlive);
        write(Packets.connack(0, outcome.sessionPresent(), v5
                ? ConnackProperties.of(listener, outcome.assignedClientId(), serverKeepAlive)
                : MqttProperties.NO_PROPERTIES));
        core.connected(session);
    }

    /**
     * @return the certificate the client presented in the TLS handshake, or null when the listener asked for none
     */
    private X509Certificate clientCertificate() {
        if (!socket.isSsl()) {
            return null;
        }
        try {
            List<Certificate> chain = socket.peerCertificates();
            return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate first) ? null : first;
        } catch (SSLPeerUnverifiedException notAskedFor) {
            return null;
        }
    }

    /** The client sent DISCONNECT. */
    void onDisconnect(int reasonCode, Long newSessionExpiry) {
        if (newSessionExpiry != null && sessionExpiryAtConnect == 0 && newSessionExpiry != 0) {
            protocolError("session expiry set at DISCONNECT after 0 at CONNECT");
            return;
        }
        willWanted = reasonCode == DisconnectCodes.WITH_WILL_MESSAGE;
        sessionExpiryAtDisconnect = newSessionExpiry;
        closeReason = DisconnectReason.CLIENT_DISCONNECTED;
        socket.close();
    }

    void protocolError(String detail) {
        close(DisconnectReason.PROTOCOL_ERROR, detail);
    }

    /**
     * Ends the connection for a protocol violation that MQTT 5 gives its own DISCONNECT reason code.
     */
    void violation(int reasonCode, String detail) {
        closeWith(DisconnectReason.PROTOCOL_ERROR, reasonCode, detail);
    }

    /**
     * @return how many QoS 2 messages the client may have awaiting PUBREL, for MQTT 5 clients
     */
    int inboundReceiveMaximum() {
        return listener.receiveMaximum();
    }

    private void onIdle() {
        if (session == null) {
            LOG.debug("Closing {}: no CONNECT within the connect timeout", socket.remoteAddress());
            closeReason = DisconnectReason.PROTOCOL_ERROR;
            socket.close();
        } else {
            close(DisconnectReason.KEEP_ALIVE_TIMEOUT, "no packet within 1.5 times the keep-alive interval");
        }
    }

    private void onWritable() {
        if (session != null && closeReason == null) {
            core.writable(session);
        }
    }

    /**
     * The client has read nothing for the write timeout and its connection is about to be cut: a DISCONNECT would
     * only queue behind what it does not read.
     */
    private void onWriteTimeout() {
        if (closeReason != null) {
            return;
        }
        LOG.debug("Cutting client {} at {}: it read nothing for {} ms", session == null ? "?" : session.clientId(),
                socket.remoteAddress(), listener.writeTimeoutMillis());
        closeReason = DisconnectReason.WRITE_TIMEOUT;
        closeDetail = "the client read nothing for " + listener.writeTimeoutMillis() + " ms";
    }

    private void onException(Throwable error) {
        if (outOfMemory.handled(error)) {
            return;
        }
        if (closeReason == null && error instanceof DecoderException) {
            close(DecodingFailures.reason(error), String.valueOf(error.getMessage()));
            return;
        }
        LOG.debug("Connection {} failed: {}", socket.remoteAddress(), error.toString());
        if (closeReason == null) {
            closeReason = DisconnectReason.CONNECTION_LOST;
            closeDetail = error.getMessage() == null ? error.toString() : error.getMessage();
        }
        socket.close();
    }

    private void refuseHttp(HttpRequest request) {
        LOG.debug("Refusing HTTP request {} on the WebSocket listener: only {} is served", request.uri(),
                Pipelines.WEBSOCKET_PATH);
        closeReason = DisconnectReason.PROTOCOL_ERROR;
        write(new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND));
        socket.close();
    }

    private void onClosed() {
        if (session == null) {
            return;
        }
        DisconnectReason reason = closeReason == null ? DisconnectReason.CONNECTION_LOST : closeReason;
        boolean will = reason == DisconnectReason.CLIENT_DISCONNECTED ? willWanted
                : reason != DisconnectReason.SERVER_SHUTTING_DOWN;
        core.disconnected(session, this, reason, closeDetail, will, sessionExpiryAtDisconnect);
    }

    @Override
    public void close(DisconnectReason reason, String detail) {
        closeWith(reason, DisconnectCodes.of(reason), detail);
    }

    private void closeWith(DisconnectReason reason, int code, String detail) {
        if (closeReason != null) {
            return;
        }
        LOG.debug("Closing client {} at {}: {} {}", session == null ? "?" : session.clientId(),
                socket.remoteAddress(), reason, detail);
        closeReason = reason;
        closeDetail = detail;
        if (protocolVersion >= 5 && session != null && code >= 0) {
            write(Packets.disconnect(code, detail));
        }
        socket.close();
    }

    void send(MqttMessage packet) {
        write(packet);
    }

    private void write(Object packet) {
        flushes.write(channel, ignoredOutcome, packet);
    }

    @Override
    public int protocolVersion() {
        return protocolVersion;
    }

    @Override
    public void sendPublish(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers) {
        write(Packets.publish(packetId, message, duplicate, subscriptionIdentifiers, protocolVersion));
    }

    @Override
    public void sendPubrel(int packetId) {
        write(Packets.reply(io.netty.handler.codec.mqtt.MqttMessageType.PUBREL, packetId, 0));
    }

    @Override
    public boolean isWritable() {
        return channel.channel().isWritable();
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public int maximumPacketSize() {
        return maximumPacketSize;
    }

    @Override
    public int publishPacketSize(Message message, int packetId, List<Integer> subscriptionIdentifiers) {
        return PublishSize.of(message, packetId, subscriptionIdentifiers, protocolVersion);
    }
}
