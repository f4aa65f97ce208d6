package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.PublishOutcome;
import dev.midge.broker.internal.SubscribeOutcome;

/**
 * The MQTT 5 reason codes the broker sends, in acknowledgements and DISCONNECT. Codes from 0x80 up report a
 * failure.
 */
enum ReasonCode {
    /** Success, granted QoS 0, or a normal disconnection. */
    SUCCESS(0x00),
    /** The client asks for its will to be published although it disconnects normally. */
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    /** The message was accepted, but nobody subscribes to its topic. */
    NO_MATCHING_SUBSCRIBERS(0x10),
    /** The client had no subscription with that filter. */
    NO_SUBSCRIPTION_EXISTED(0x11),
    /** The authentication exchange goes on (AUTH). */
    CONTINUE_AUTHENTICATION(0x18),
    /** The client starts a new authentication exchange on a live connection (AUTH). */
    REAUTHENTICATE(0x19),
    /** A failure with no more specific code; also MQTT 3.1.1's SUBACK failure. */
    UNSPECIFIED_ERROR(0x80),
    /** The packet cannot be parsed as the specification lays it out. */
    MALFORMED_PACKET(0x81),
    /** The packet parses but breaks a rule of the protocol. */
    PROTOCOL_ERROR(0x82),
    /** The client may not do this. */
    NOT_AUTHORIZED(0x87),
    /** The broker is going down. */
    SERVER_SHUTTING_DOWN(0x8B),
    /** No packet came within 1.5 times the keep-alive interval. */
    KEEP_ALIVE_TIMEOUT(0x8D),
    /** Another connection took the client identifier. */
    SESSION_TAKEN_OVER(0x8E),
    /** A topic filter is not one the specification allows. */
    TOPIC_FILTER_INVALID(0x8F),
    /** PUBREL for a packet identifier the broker does not hold. */
    PACKET_IDENTIFIER_NOT_FOUND(0x92),
    /** The client has more QoS 2 messages awaiting PUBREL than the broker's Receive Maximum allows. */
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    /** The client used a topic alias of 0, above the broker's maximum, or never set. */
    TOPIC_ALIAS_INVALID(0x94),
    /** A packet is larger than the broker accepts. */
    PACKET_TOO_LARGE(0x95),
    /** The broker has no room for it. */
    QUOTA_EXCEEDED(0x97),
    /** The payload is declared UTF-8 text and is not. */
    PAYLOAD_FORMAT_INVALID(0x99);

    private final int value;

    ReasonCode(int value) {
        this.value = value;
    }

    /** @return the code's byte on the wire */
    int value() {
        return value;
    }

    /** @return whether the code reports a failure */
    boolean isFailure() {
        return value >= UNSPECIFIED_ERROR.value;
    }

    /** @return the code PUBACK or PUBREC gives a QoS 1 or 2 message with this outcome */
    static ReasonCode forPublish(PublishOutcome outcome, ProtocolVersion version) {
        return switch (outcome) {
            case NOT_AUTHORIZED -> NOT_AUTHORIZED;
            case NO_SUBSCRIBERS -> version.isMqtt5() ? NO_MATCHING_SUBSCRIBERS : SUCCESS;
            case ROUTED -> SUCCESS;
        };
    }

    /**
     * @return the code SUBACK gives a refused subscription; MQTT 3.1.1 has only {@link #UNSPECIFIED_ERROR} for every
     *         refusal
     */
    static ReasonCode forRefusal(SubscribeOutcome.Refusal refusal, ProtocolVersion version) {
        if (!version.isMqtt5()) {
            return UNSPECIFIED_ERROR;
        }
        return switch (refusal) {
            case NOT_AUTHORIZED -> NOT_AUTHORIZED;
            case DENIED -> UNSPECIFIED_ERROR;
            case QUOTA_EXCEEDED -> QUOTA_EXCEEDED;
            case TOPIC_FILTER_INVALID, PROTOCOL_ERROR -> TOPIC_FILTER_INVALID;
        };
    }

    /**
     * @return the code the broker sends to an MQTT 5 client in DISCONNECT when it ends the connection for this
     *         reason, or null when it sends no DISCONNECT (the connection just ends, as a network failure would)
     */
    static ReasonCode forDisconnect(DisconnectReason reason) {
        return switch (reason) {
            case PROTOCOL_ERROR -> PROTOCOL_ERROR;
            case NOT_AUTHORIZED -> NOT_AUTHORIZED;
            case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
            case KEEP_ALIVE_TIMEOUT -> KEEP_ALIVE_TIMEOUT;
            case SESSION_TAKEN_OVER -> SESSION_TAKEN_OVER;
            case PACKET_TOO_LARGE -> PACKET_TOO_LARGE;
            case QUOTA_EXCEEDED -> QUOTA_EXCEEDED;
            case CLIENT_DISCONNECTED, CONNECTION_LOST, DROPPED_BY_BROKER, WRITE_TIMEOUT -> null;
        };
    }
}
