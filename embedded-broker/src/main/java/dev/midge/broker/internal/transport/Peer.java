package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * What {@link PacketHandler} needs of the connection whose packets it handles: its protocol version, a way to
 * answer, and the ways to end it.
 *
 * <p>Called on the broker's event-loop thread only.
 */
interface Peer {

    /** @return the client's MQTT version */
    ProtocolVersion protocolVersion();

    /** @return the allocator of the buffers the connection's packets are written into */
    ByteBufAllocator alloc();

    /**
     * Writes a packet to the client.
     *
     * @param packet   the packet's bytes, which the connection now owns
     * @param promises whether the packet promises the client something the broker's state must keep (see
     *                 {@link FlushBatch})
     */
    void send(ByteBuf packet, boolean promises);

    /**
     * Ends the connection for a broken protocol rule (DISCONNECT 0x82 for MQTT 5 clients).
     *
     * @param detail what was broken
     */
    void protocolError(String detail);

    /**
     * Ends the connection for a protocol violation that MQTT 5 gives its own DISCONNECT reason code.
     *
     * @param reasonCode the code MQTT 5 clients are sent
     * @param detail     what was broken
     */
    void violation(ReasonCode reasonCode, String detail);

    /**
     * Ends the connection, telling an MQTT 5 client why.
     *
     * @param reason why it ends
     * @param detail what happened
     */
    void close(DisconnectReason reason, String detail);

    /**
     * The client sent DISCONNECT.
     *
     * @param reasonCode       the DISCONNECT's reason code (0 for MQTT 3)
     * @param newSessionExpiry the session expiry interval it sets (MQTT 5), or null to keep the one from CONNECT
     */
    void clientDisconnected(int reasonCode, Long newSessionExpiry);
}
