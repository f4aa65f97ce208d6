package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.Session;
import io.vertx.core.internal.net.NetSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Ends one client connection, whichever side ends it, and reports the end to the core with its reason and whether
 * the will is due. Once the end has begun, the connection handles no more requests.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class ConnectionClose {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionClose.class);

    private final NetSocketInternal socket;
    private final BrokerCore core;
    private final ClientLink link;
    private final Consumer<Object> writer;

    private DisconnectReason reason;
    private String detail = "";
    private boolean willWanted = true;
    private Long sessionExpiryAtDisconnect;

    /**
     * @param link   the connection, as the core knows it
     * @param writer writes a packet to the connection
     */
    ConnectionClose(NetSocketInternal socket, BrokerCore core, ClientLink link, Consumer<Object> writer) {
        this.socket = socket;
        this.core = core;
        this.link = link;
        this.writer = writer;
    }

    /** @return whether the connection is ending, so that its requests are no longer handled */
    boolean begun() {
        return reason != null;
    }

    /** Refuses a CONNECT with the CONNACK given and ends the connection. */
    void refuse(Object connack, String why) {
        LOG.debug("Refusing a connection from {}: {}", socket.remoteAddress(), why);
        end(DisconnectReason.PROTOCOL_ERROR, "", connack);
    }

    /**
     * Ends the connection from the broker's side.
     *
     * @param disconnect the DISCONNECT that tells the client why, or null when it cannot be told
     */
    void close(Session session, DisconnectReason why, String more, Object disconnect) {
        if (begun()) {
            return;
        }
        LOG.debug("Closing client {} at {}: {} {}", session == null ? "?" : session.clientId(),
                socket.remoteAddress(), why, more);
        end(why, more, disconnect);
    }

    /** Answers anything but an MQTT connection (an HTTP request for another path, say) and ends the connection. */
    void closeAfter(Object answer) {
        end(DisconnectReason.PROTOCOL_ERROR, "", answer);
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
        end(DisconnectReason.CLIENT_DISCONNECTED, "", null);
    }

    /**
     * The client has read nothing for the write timeout: its connection is being cut at once, since anything more
     * would only queue behind what it does not read.
     */
    void writeTimedOut(String why) {
        if (!begun()) {
            reason = DisconnectReason.WRITE_TIMEOUT;
            detail = why;
        }
    }

    /** The connection failed below MQTT (reset by the peer, say). */
    void failed(Throwable error) {
        LOG.debug("Connection {} failed: {}", socket.remoteAddress(), error.toString());
        if (!begun()) {
            reason = DisconnectReason.CONNECTION_LOST;
            detail = error.getMessage() == null ? error.toString() : error.getMessage();
        }
        socket.close();
    }

    /**
     * The connection has closed.
     *
     * @param session its session, or null when it never connected
     */
    void closed(Session session) {
        if (session == null) {
            return;
        }
        DisconnectReason why = reason == null ? DisconnectReason.CONNECTION_LOST : reason;
        boolean will = why == DisconnectReason.CLIENT_DISCONNECTED ? willWanted
                : why != DisconnectReason.SERVER_SHUTTING_DOWN;
        core.disconnected(session, link, why, detail, will, sessionExpiryAtDisconnect);
    }

    private void end(DisconnectReason why, String more, Object lastPacket) {
        reason = why;
        detail = more;
        if (lastPacket != null) {
            writer.accept(lastPacket);
        }
        socket.close();
    }
}
