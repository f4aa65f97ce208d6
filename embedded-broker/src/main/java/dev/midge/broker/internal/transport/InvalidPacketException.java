package dev.midge.broker.internal.transport;

import io.netty.handler.codec.DecoderException;

/**
 * An inbound packet that breaks a rule of the protocol, found as it is read, with the MQTT 5 reason code
 * the specification gives that breach.
 */
final class InvalidPacketException extends DecoderException {

    private final ReasonCode reasonCode;
    private final int protocolVersion;

    /**
     * @param reasonCode      the MQTT 5 reason code for DISCONNECT, or for CONNACK when the CONNECT is at fault
     * @param protocolVersion the connection's protocol level (3, 4 or 5)
     * @param message         what is wrong, with the statement of the specification it breaks
     */
    InvalidPacketException(ReasonCode reasonCode, int protocolVersion, String message) {
        super(message);
        this.reasonCode = reasonCode;
        this.protocolVersion = protocolVersion;
    }

    ReasonCode reasonCode() {
        return reasonCode;
    }

    int protocolVersion() {
        return protocolVersion;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Refusing hostile input is routine: a stack trace per packet would only cost time.
        return this;
    }
}
