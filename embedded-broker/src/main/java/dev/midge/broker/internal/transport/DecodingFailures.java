package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Bytes the layers below MQTT cannot take (a WebSocket frame, say) are malformed input too: why a connection ends
 * for them.
 */
final class DecodingFailures {

    private DecodingFailures() {
    }

    /**
     * @param failure what a decoder below MQTT reported
     * @return the reason the connection ends with
     */
    static DisconnectReason reason(Throwable failure) {
        if (failure instanceof PacketFramer.NoRoomException) {
            return DisconnectReason.QUOTA_EXCEEDED;
        }
        boolean tooLarge = failure instanceof TooLongFrameException
                || failure instanceof CorruptedWebSocketFrameException frame
                && frame.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        return tooLarge ? DisconnectReason.PACKET_TOO_LARGE : DisconnectReason.PROTOCOL_ERROR;
    }
}
