package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Ends one client connection, whichever side ends it, and reports the end to the core with its reason and whether
 * the will is due. Once the end has begun, the connection handles no more requests.
 *
 * <p>When the broker ends a connection (a CONNACK refusal, a DISCONNECT, a protocol error, a timeout), the end is
 * reported at once, and the connection is closed by a {@link DrainingClose}, so that the client reads the reason.
 * A client that has stopped reading is cut at once instead, and a client that sent DISCONNECT is closed at once.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class ConnectionClose {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionClose.class);

    private final ChannelHandlerContext channel;
    private final BrokerCore core;
    private final MqttConnection connection;

    private DisconnectReason reason;
    private String detail = "";
    private boolean willWanted = true;
    private Long sessionExpiryAtDisconnect;

    /**
     * @param channel    the context of the connection's {@link ConnectionTail}
     * @param connection the connection it ends, which writes the packets that tell the client why
     */
    ConnectionClose(ChannelHandlerContext channel, BrokerCore core, MqttConnection connection) {
        this.channel = channel;
        this.core = core;
        this.connection = connection;
    }

    /** @return whether the connection is ending, so that its requests are no longer handled */
    boolean begun() {
        return reason != null;
    }

    /** Refuses a CONNECT with the CONNACK given and ends the connection. */
    void refuse(ByteBuf connack, String why) {
        LOG.debug("Refusing a connection from {}: {}", ConnectionTail.address(channel), why);
        reason = DisconnectReason.PROTOCOL_ERROR;
        connection.send(connack, true);
        DrainingClose.start(channel);
    }

    /**
     * Ends the connection from the broker's side.
     *
     * @param disconnect the DISCONNECT that tells the client why, or null when it cannot be told
     */
    void close(Session session, DisconnectReason why, String more, ByteBuf disconnect) {
        if (begun()) {
            return;
        }
        LOG.debug("Closing client {} at {}: {} {}", session == null ? "?" : session.clientId(),
                ConnectionTail.address(channel), why, more);
        reason = why;
        detail = more;
        if (disconnect != null) {
            connection.send(disconnect, false);
        }
        report(session);
        // The close flushes at once what was written, acknowledgements included: they leave only once committed.
        core.commitState();
        DrainingClose.start(channel);
    }

    /** Answers an HTTP request for a path other than the WebSocket listener's with 404 and ends the connection. */
    void refuseHttp(HttpRequest request) {
        LOG.debug("Refusing HTTP request {} on the WebSocket listener: only {} is served", request.uri(),
                Pipelines.WEBSOCKET_PATH);
        reason = DisconnectReason.PROTOCOL_ERROR;
        connection.write(new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND), true);
        closeAfterWrites();
    }

    /**
     * The client sent DISCONNECT.
     *
     * @param will             whether the client asked for its will to be published all the same
     * @param newSessionExpiry the session expiry interval it set in DISCONNECT, or null
     */
    void clientDisconnected(boolean will, Long newSessionExpiry) {
        willWanted = will;
        sessionExpiryAtDisconnect = newSessionExpiry;
        reason = DisconnectReason.CLIENT_DISCONNECTED;
        closeAfterWrites();
    }

    /**
     * The client has read nothing for the write timeout: its connection is being cut at once, since anything more
     * would only queue behind what it does not read.
     */
    void writeTimedOut(Session session, String why) {
        if (!begun()) {
            LOG.debug("Cutting client {} at {}: {}", session == null ? "?" : session.clientId(),
                    ConnectionTail.address(channel), why);
            reason = DisconnectReason.WRITE_TIMEOUT;
            detail = why;
        }
    }

    /** The connection failed below MQTT (reset by the peer, say). */
    void failed(Throwable error) {
        LOG.debug("Connection {} failed: {}", ConnectionTail.address(channel), error.toString());
        if (!begun()) {
            reason = DisconnectReason.CONNECTION_LOST;
            detail = error.getMessage() == null ? error.toString() : error.getMessage();
        }
        closeAfterWrites();
    }

    /**
     * The connection has closed.
     *
     * @param session its session, or null when it never connected
     */
    void closed(Session session) {
        if (reason == null) {
            reason = DisconnectReason.CONNECTION_LOST;
        }
        report(session);
    }

    /** Closes the connection once what has been written to it is sent (see {@link ConnectionTail}). */
    private void closeAfterWrites() {
        channel.channel().close();
    }

    /** Tells the core the connection has ended, unless it already knows: it ignores a link it has detached. */
    private void report(Session session) {
        if (session == null) {
            return;
        }
        boolean will = reason == DisconnectReason.CLIENT_DISCONNECTED ? willWanted
                : reason != DisconnectReason.SERVER_SHUTTING_DOWN;
        core.disconnected(session, connection, reason, detail, will, sessionExpiryAtDisconnect);
    }
}
