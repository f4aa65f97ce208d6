package dev.midge.broker;

/**
 * Why a client's connection ended, as reported by {@link BrokerEvent.ClientDisconnected}.
 */
public enum DisconnectReason {
    /** The client sent DISCONNECT: a clean end, no will is published (unless an MQTT 5 client asked for it). */
    CLIENT_DISCONNECTED(true),
    /** The network connection closed without DISCONNECT: the will is published. */
    CONNECTION_LOST(false),
    /** The client sent nothing for 1.5 times its keep-alive interval. */
    KEEP_ALIVE_TIMEOUT(false),
    /** The client broke the protocol or sent a malformed packet. */
    PROTOCOL_ERROR(false),
    /** The client sent a packet larger than the broker's maximum packet size. */
    PACKET_TOO_LARGE(false),
    /** Another connection took over the same client identifier. */
    SESSION_TAKEN_OVER(false),
    /** The broker (or a test, through fault injection) dropped the connection. */
    DROPPED_BY_BROKER(false),
    /** The broker is shutting down: wills are not published. */
    SERVER_SHUTTING_DOWN(false),
    /** The client did something it is not authorised to do, and the protocol requires closing. */
    NOT_AUTHORIZED(false),
    /**
     * The client stopped reading: what the broker owed it stayed over the connection's buffer limit for the write
     * timeout. The will is published.
     */
    WRITE_TIMEOUT(false),
    /** The client started sending a packet that the broker's memory budget had no room to receive. */
    QUOTA_EXCEEDED(false);

    private final boolean clean;

    DisconnectReason(boolean clean) {
        this.clean = clean;
    }

    /**
     * @return true when the client ended the connection itself with DISCONNECT
     */
    public boolean isClean() {
        return clean;
    }
}
