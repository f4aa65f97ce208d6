package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.MemoryBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.util.List;

/**
 * Cuts the byte stream into MQTT packets by their remaining length and hands them to the codec one at a time: the
 * fixed header as soon as it is complete, the rest once the whole packet has arrived.
 *
 * <p>The codec reads a packet's fields from whatever bytes it has been given: a packet whose fields claim more bytes
 * than its remaining length would make it wait for, or read into, the next packet, leaving the connection hanging
 * instead of closed. Given exactly one packet, a codec that produces nothing has met such a packet, and the framer
 * reports it as malformed. A packet over the size limit is reported from its fixed header, before it is buffered,
 * and so is one the broker's memory budget has no room to receive; a packet being received holds its room in the
 * budget until it has arrived. Each whole packet passes the {@link InboundCheck} before the codec reads it; a
 * PUBLISH after the CONNECT the check reads itself, and the framer hands it on decoded, past the codec.
 *
 * <p>While the connection cannot take more data, the framer hands nothing on and keeps the bytes it has, held to the
 * budget like a packet being received (a WebSocket frame can bring a whole packet at once); the
 * {@link Backpressure} handler tells it to go on.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class PacketFramer extends ByteToMessageDecoder {

    private static final int MAX_REMAINING_LENGTH_BYTES = 4;

    private final int maxPacketSize;
    private final MemoryBudget budget;
    private final DecodedCounter decoded = new DecodedCounter();
    private final InboundCheck check = new InboundCheck();
    private int firstByte;
    private int bodyLength = -1;
    private boolean readsItself;
    private int claimed;
    private long packetsBefore;
    private boolean failed;

    PacketFramer(int maxPacketSize, MemoryBudget budget) {
        this.maxPacketSize = maxPacketSize;
        this.budget = budget;
    }

    /**
     * @return the handler to place right after the codec, which tells the framer when the codec produced a packet
     */
    ChannelInboundHandlerAdapter decodedCounter() {
        return decoded;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!ctx.channel().isWritable()) {
            holdWhilePaused(ctx, in);
            return;
        }
        if (bodyLength < 0) {
            releaseClaim();
            forwardFixedHeader(ctx, in);
        } else if (in.readableBytes() >= bodyLength) {
            int length = bodyLength;
            bodyLength = -1;
            releaseClaim();
            if (readsItself) {
                readPublish(ctx, in, length);
            } else if (passesCheck(ctx, in, in.readerIndex(), length)) {
                forward(ctx, in, length);
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseClaim();
    }

    private void holdWhilePaused(ChannelHandlerContext ctx, ByteBuf in) {
        int unclaimed = in.readableBytes() - claimed;
        if (unclaimed <= 0) {
            return;
        }
        if (!budget.receiving(unclaimed)) {
            fail(ctx, in, new NoRoomException("no room in the memory budget to hold " + in.readableBytes()
                    + " bytes received while the connection cannot take more data"));
            return;
        }
        claimed += unclaimed;
    }

    private void releaseClaim() {
        budget.received(claimed);
        claimed = 0;
    }

    /**
     * The codec gets the fixed header at once, so that it refuses an invalid packet type or flags without waiting
     * for a body that may never come.
     */
    private void forwardFixedHeader(ChannelHandlerContext ctx, ByteBuf in) {
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
            if (digit == 0 && headerLength > 1 && check.mqtt5()) {
                fail(ctx, in, check.overlongRemainingLength());
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
        packetsBefore = decoded.count;
        firstByte = in.getUnsignedByte(start);
        try {
            check.checkFixedHeader(firstByte);
        } catch (InvalidPacketException e) {
            fail(ctx, in, e);
            return;
        }
        readsItself = check.readsItself(firstByte);
        if (remaining == 0) {
            if (readsItself) {
                in.skipBytes(headerLength);
                readPublish(ctx, in, 0);
            } else if (passesCheck(ctx, in, start + headerLength, 0)) {
                forward(ctx, in, headerLength);
            }
            return;
        }
        if (!budget.receiving(remaining)) {
            fail(ctx, in, new NoRoomException("no room in the memory budget to receive a packet of " + remaining
                    + " bytes"));
            return;
        }
        claimed = remaining;
        if (readsItself) {
            in.skipBytes(headerLength);
            bodyLength = remaining;
            return;
        }
        ctx.fireChannelRead(in.readRetainedSlice(headerLength));
        if (decoded.count != packetsBefore) {
            // The codec refused the fixed header and has reported it.
            releaseClaim();
            failed = true;
            in.skipBytes(in.readableBytes());
            return;
        }
        bodyLength = remaining;
    }

    private boolean passesCheck(ChannelHandlerContext ctx, ByteBuf in, int start, int length) {
        try {
            check.check(firstByte, in, start, start + length);
            return true;
        } catch (InvalidPacketException e) {
            fail(ctx, in, e);
            return false;
        }
    }

    private void readPublish(ChannelHandlerContext ctx, ByteBuf in, int length) {
        int start = in.readerIndex();
        MqttPublishMessage packet;
        try {
            packet = check.readPublish(firstByte, in, start, start + length);
        } catch (InvalidPacketException e) {
            fail(ctx, in, e);
            return;
        }
        in.readerIndex(start + length);
        ctx.fireChannelRead(packet);
    }

    /** Hands over the rest of a packet; the codec must now produce it, or one of its fields overran it. */
    private void forward(ChannelHandlerContext ctx, ByteBuf in, int length) {
        ctx.fireChannelRead(in.readRetainedSlice(length));
        if (decoded.count == packetsBefore) {
            fail(ctx, in, new DecoderException("a field runs past the end of its packet"));
        }
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

    /** Counts what the codec passes on. */
    private static final class DecodedCounter extends ChannelInboundHandlerAdapter {
        long count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count++;
            ctx.fireChannelRead(msg);
        }
    }
}
