package dev.midge.broker;

/**
 * The outcome of a CONNECT, as the broker answers it in CONNACK. Each code carries its MQTT 5 reason code and the
 * MQTT 3.1/3.1.1 return code sent to clients of those versions.
 */
public enum ConnectCode {
    /** Connection accepted (3.x: 0, 5.0: 0x00). */
    ACCEPTED(0x00, 0),
    /** The protocol version is not supported (3.x: 1, 5.0: 0x84). */
    UNSUPPORTED_PROTOCOL_VERSION(0x84, 1),
    /** The client identifier is not allowed (3.x: 2, 5.0: 0x85). */
    IDENTIFIER_REJECTED(0x85, 2),
    /** The broker cannot serve the client now (3.x: 3, 5.0: 0x88). */
    SERVER_UNAVAILABLE(0x88, 3),
    /** The user name or password is wrong (3.x: 4, 5.0: 0x86). */
    BAD_USER_NAME_OR_PASSWORD(0x86, 4),
    /** The client is not authorised to connect (3.x: 5, 5.0: 0x87). */
    NOT_AUTHORIZED(0x87, 5),
    /** Unspecified error (5.0: 0x80; 3.x clients get 3, server unavailable). */
    UNSPECIFIED_ERROR(0x80, 3),
    /** Malformed packet (5.0: 0x81; 3.x clients get 3). */
    MALFORMED_PACKET(0x81, 3),
    /** Protocol error (5.0: 0x82; 3.x clients get 3). */
    PROTOCOL_ERROR(0x82, 3),
    /** Implementation-specific error (5.0: 0x83; 3.x clients get 3). */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, 3),
    /** The broker is busy (5.0: 0x89; 3.x clients get 3). */
    SERVER_BUSY(0x89, 3),
    /** The client is banned (5.0: 0x8A; 3.x clients get 5). */
    BANNED(0x8A, 5),
    /** The authentication method is not supported (5.0: 0x8C; 3.x clients get 5). */
    BAD_AUTHENTICATION_METHOD(0x8C, 5),
    /** The will topic is not valid (5.0: 0x90; 3.x clients get 3). */
    TOPIC_NAME_INVALID(0x90, 3),
    /** The CONNECT packet is too large (5.0: 0x95; 3.x clients get 3). */
    PACKET_TOO_LARGE(0x95, 3),
    /** A quota is exceeded (5.0: 0x97; 3.x clients get 3). */
    QUOTA_EXCEEDED(0x97, 3),
    /** The will payload does not match its payload format indicator (5.0: 0x99; 3.x clients get 3). */
    PAYLOAD_FORMAT_INVALID(0x99, 3),
    /** The will asks for retain, which is not supported (5.0: 0x9A; 3.x clients get 3). */
    RETAIN_NOT_SUPPORTED(0x9A, 3),
    /** The will QoS is not supported (5.0: 0x9B; 3.x clients get 3). */
    QOS_NOT_SUPPORTED(0x9B, 3),
    /** The client should use another server (5.0: 0x9C; 3.x clients get 3). */
    USE_ANOTHER_SERVER(0x9C, 3),
    /** The server has moved (5.0: 0x9D; 3.x clients get 3). */
    SERVER_MOVED(0x9D, 3),
    /** The connection rate limit is exceeded (5.0: 0x9F; 3.x clients get 3). */
    CONNECTION_RATE_EXCEEDED(0x9F, 3);

    private final int reasonCode;
    private final int returnCode;

    ConnectCode(int reasonCode, int returnCode) {
        this.reasonCode = reasonCode;
        this.returnCode = returnCode;
    }

    /**
     * @return the MQTT 5 CONNACK reason code
     */
    public int reasonCode() {
        return reasonCode;
    }

    /**
     * @return the MQTT 3.1/3.1.1 CONNACK return code (0 to 5)
     */
    public int returnCode() {
        return returnCode;
    }

    /**
     * @param protocolVersion 3 (MQTT 3.1), 4 (3.1.1) or 5 (5.0)
     * @return the byte a client of that version receives in CONNACK
     */
    public int codeFor(int protocolVersion) {
        return protocolVersion >= 5 ? reasonCode : returnCode;
    }

    /**
     * @return true for {@link #ACCEPTED}
     */
    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
