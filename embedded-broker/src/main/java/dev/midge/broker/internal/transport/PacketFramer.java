package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.MemoryBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageFactory;

import java.util.List;

/**
 * Cuts the byte stream into MQTT packets by their remaining length and reads each whole packet into the Netty message
 * the connection handles ({@link PacketReading}), in one pass that checks every field: the packet type and flags as
 * soon as the fixed header is complete, the rest once the whole packet has arrived. A packet over the size limit is
 * reported from its fixed header, before it is buffered, and so is one the broker's memory budget has no room to
 * receive; a packet being received holds its room in the budget until it has arrived. The first packet that breaks
 * a rule is handed on as a failed message, and nothing after it.
 *
 * <p>While the connection cannot take more data, the framer hands nothing on and keeps the bytes it has, held to the
 * budget like a packet being received (a WebSocket frame can bring a whole packet at once); the
 * {@link Backpressure} handler tells it to go on. It keeps them the same way once it has handed on
 * {@value #PACKETS_PER_TURN} packets in one turn of the event loop, and yields the turn: a client that sends
 * thousands of small packets at once (a PINGREQ flood brings 4 096 in one read) would otherwise keep the thread from
 * every other connection while they are handled.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class PacketFramer extends ByteToMessageDecoder {

    /** How many packets a connection hands on per turn of the event loop, before the other connections' turns. */
    static final int PACKETS_PER_TURN = 64;

    private static final int MAX_REMAINING_LENGTH_BYTES = 4;

    private final int maxPacketSize;
    private final MemoryBudget budget;
    private final Backpressure backpressure;
    private final PacketReading reading = new PacketReading();
    private int firstByte;
    private int bodyLength = -1;
    private int claimed;
    private boolean failed;
    /** Packets handed on in this turn. */
    private int handedOn;

    /**
     * @param backpressure the connection's handler before this one, which reads no more while this one holds packets
     */
    PacketFramer(int maxPacketSize, MemoryBudget budget, Backpressure backpressure) {
        this.maxPacketSize = maxPacketSize;
        this.budget = budget;
        this.backpressure = backpressure;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!ctx.channel().isWritable()) {
            hold(ctx, in, "while the connection cannot take more data");
            return;
        }
        if (handedOn == PACKETS_PER_TURN) {
            hold(ctx, in, "for the connection's next turn");
            if (!failed) {
                backpressure.yieldTurn();
            }
            return;
        }
        if (bodyLength < 0) {
            releaseClaim();
            readFixedHeader(ctx, in);
        } else if (in.readableBytes() >= bodyLength) {
            int length = bodyLength;
            bodyLength = -1;
            releaseClaim();
            readPacket(ctx, in, length);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        handedOn = 0;
        super.channelReadComplete(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseClaim();
    }

    private void hold(ChannelHandlerContext ctx, ByteBuf in, String until) {
        int unclaimed = in.readableBytes() - claimed;
        if (unclaimed <= 0) {
            return;
        }
        if (!budget.receiving(unclaimed)) {
            fail(ctx, in, new NoRoomException("no room in the memory budget to hold " + in.readableBytes()
                    + " bytes received " + until));
            return;
        }
        claimed += unclaimed;
    }

    private void releaseClaim() {
        budget.received(claimed);
        claimed = 0;
    }

    /** Checks the fixed header at once, refusing an invalid packet type or flags without waiting for a body. */
    private void readFixedHeader(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int remaining = 0;
        int multiplier = 1;
        int headerLength = 1;
        while (true) {
            if (headerLength > MAX_REMAINING_LENGTH_BYTES) {
                fail(ctx, in, new DecoderException("remaining length longer than four bytes"));
                return;
            }
            if (start + headerLength >= in.writerIndex()) {
                return;
            }
            int digit = in.getUnsignedByte(start + headerLength);
            if (digit == 0 && headerLength > 1 && reading.mqtt5()) {
                fail(ctx, in, reading.overlongRemainingLength());
                return;
            }
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            headerLength++;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        if (remaining > maxPacketSize) {
            fail(ctx, in, new TooLongFrameException("packet of " + remaining + " bytes exceeds the limit of "
                    + maxPacketSize));
            return;
        }
        firstByte = in.getUnsignedByte(start);
        try {
            reading.checkFixedHeader(firstByte);
        } catch (InvalidPacketException e) {
            fail(ctx, in, e);
            return;
        }
        in.skipBytes(headerLength);
        if (remaining == 0) {
            readPacket(ctx, in, 0);
            return;
        }
        if (!budget.receiving(remaining)) {
            fail(ctx, in, new NoRoomException("no room in the memory budget to receive a packet of " + remaining
                    + " bytes"));
            return;
        }
        claimed = remaining;
        bodyLength = remaining;
    }

    private void readPacket(ChannelHandlerContext ctx, ByteBuf in, int length) {
        int start = in.readerIndex();
        MqttMessage packet;
        try {
            packet = reading.read(firstByte, in, start, start + length);
        } catch (DecoderException e) {
            fail(ctx, in, e);
            return;
        }
        in.readerIndex(start + length);
        handedOn++;
        ctx.fireChannelRead(packet);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, Exception cause) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.fireChannelRead(MqttMessageFactory.newInvalidMessage(cause));
    }

    /** A packet the memory budget has no room to receive. */
    static final class NoRoomException extends DecoderException {
        NoRoomException(String message) {
            super(message);
        }
    }
}
