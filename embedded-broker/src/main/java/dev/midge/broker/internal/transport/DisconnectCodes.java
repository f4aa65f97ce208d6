package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;

/**
 * MQTT 5 DISCONNECT reason codes.
 */
final class DisconnectCodes {

    /** The packet cannot be parsed as the specification lays it out. */
    static final int MALFORMED_PACKET = 0x81;
    /** The packet parses but breaks a rule of the protocol. */
    static final int PROTOCOL_ERROR = 0x82;
    /** A topic filter is not one the specification allows. */
    static final int TOPIC_FILTER_INVALID = 0x8F;
    /** The client asks for its will to be published although it disconnects normally. */
    static final int WITH_WILL_MESSAGE = 0x04;
    /** The client has more QoS 2 messages awaiting PUBREL than the broker's Receive Maximum allows. */
    static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    /** The client used a topic alias of 0, above the broker's maximum, or never set. */
    static final int TOPIC_ALIAS_INVALID = 0x94;
    /** The payload is declared UTF-8 text and is not. */
    static final int PAYLOAD_FORMAT_INVALID = 0x99;

    private DisconnectCodes() {
    }

    /**
     * @return the reason code the broker sends to an MQTT 5 client when it ends the connection for this reason, or
     *         -1 when it sends no DISCONNECT (the connection just ends, as a network failure would)
     */
    static int of(DisconnectReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> PROTOCOL_ERROR;
            case NOT_AUTHORIZED -> 0x87;
            case SERVER_SHUTTING_DOWN -> 0x8B;
            case KEEP_ALIVE_TIMEOUT -> 0x8D;
            case SESSION_TAKEN_OVER -> 0x8E;
            case PACKET_TOO_LARGE -> 0x95;
            case QUOTA_EXCEEDED -> 0x97;
            case CLIENT_DISCONNECTED, CONNECTION_LOST, DROPPED_BY_BROKER, WRITE_TIMEOUT -> -1;
        };
    }
}
