package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;

/**
 * MQTT 5 DISCONNECT reason codes.
 */
final class DisconnectCodes {

    /** The client asks for its will to be published although it disconnects normally. */
    static final int WITH_WILL_MESSAGE = 0x04;

    private DisconnectCodes() {
    }

    /**
     * @return the reason code the broker sends to an MQTT 5 client when it ends the connection for this reason, or
     *         -1 when it sends no DISCONNECT (the connection just ends, as a network failure would)
     */
    static int of(DisconnectReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> 0x82;
            case NOT_AUTHORIZED -> 0x87;
            case SERVER_SHUTTING_DOWN -> 0x8B;
            case KEEP_ALIVE_TIMEOUT -> 0x8D;
            case SESSION_TAKEN_OVER -> 0x8E;
            case PACKET_TOO_LARGE -> 0x95;
            case CLIENT_DISCONNECTED, CONNECTION_LOST, DROPPED_BY_BROKER -> -1;
        };
    }
}
