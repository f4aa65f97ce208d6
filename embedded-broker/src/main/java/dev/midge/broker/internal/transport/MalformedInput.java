package dev.midge.broker.internal.transport;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;

/**
 * Decides how a connection answers input it could not read: which CONNACK refusal or DISCONNECT reason the failure
 * of a decoder stands for.
 */
final class MalformedInput {

    private MalformedInput() {
    }

    /**
     * Answers a packet the MQTT decoders refused.
     *
     * @param handshake the connection's CONNECT handshake, which answers in CONNACK, or null once the client is
     *                  accepted
     */
    static void answer(Throwable cause, MqttConnection connection, ConnectHandshake handshake) {
        if (cause instanceof InvalidPacketException invalid) {
            answerInvalid(invalid, connection, handshake);
        } else if (handshake != null && cause instanceof MqttUnacceptableProtocolVersionException) {
            handshake.refuse(ConnectCode.UNSUPPORTED_PROTOCOL_VERSION.returnCode(), "unsupported protocol version");
        } else if (handshake != null && cause instanceof MqttIdentifierRejectedException) {
            handshake.refuse(ConnectCode.IDENTIFIER_REJECTED.returnCode(), cause.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            connection.close(DisconnectReason.PACKET_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof PacketFramer.NoRoomException) {
            connection.close(DisconnectReason.QUOTA_EXCEEDED, cause.getMessage());
        } else {
            connection.violation(ReasonCode.MALFORMED_PACKET, "malformed packet: " + cause.getMessage());
        }
    }

    /**
     * A packet broke a rule: an MQTT 5 CONNECT is answered with CONNACK and the reason code, a later MQTT 5 packet
     * with DISCONNECT and the reason code; MQTT 3 has no codes for either, and the connection just ends.
     */
    private static void answerInvalid(InvalidPacketException invalid, MqttConnection connection,
                                      ConnectHandshake handshake) {
        if (handshake != null && invalid.protocolVersion() >= 5) {
            handshake.adoptProtocolVersion(invalid.protocolVersion());
            handshake.refuse(invalid.reasonCode().value(), invalid.getMessage());
        } else {
            connection.violation(invalid.reasonCode(), invalid.getMessage());
        }
    }

    /**
     * @return the reason to end the connection with when the layers below MQTT (a WebSocket frame, say) could not
     *         decode its bytes, or null when the error is not about its input
     */
    static DisconnectReason undecodable(Throwable error) {
        if (!(error instanceof DecoderException)) {
            return null;
        }
        if (error instanceof PacketFramer.NoRoomException) {
            return DisconnectReason.QUOTA_EXCEEDED;
        }
        boolean tooLarge = error instanceof TooLongFrameException
                || error instanceof CorruptedWebSocketFrameException frame
                && frame.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        return tooLarge ? DisconnectReason.PACKET_TOO_LARGE : DisconnectReason.PROTOCOL_ERROR;
    }
}
