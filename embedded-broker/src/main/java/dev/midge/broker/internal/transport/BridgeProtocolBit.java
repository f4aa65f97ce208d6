package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * The bit Mosquitto's bridges set in the protocol level of an MQTT 3.x CONNECT (0x83, 0x84) to say they are bridges,
 * so that the broker sends them none of their own messages back and keeps the retain flag of what it forwards to
 * them. MQTT knows no such level: {@link #reader} takes the bit out of a client's CONNECT before it is read and
 * reports it, {@link #writer} puts it into the CONNECT a bridge of this broker sends.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class BridgeProtocolBit {

    private static final int CONNECT = 1;
    private static final int BRIDGE_BIT = 0x80;
    /** Fixed header (at most 5 bytes), name length (2), the longer name ({@code MQIsdp}, 6), level (1). */
    private static final int MOST_BYTES_BEFORE_LEVEL = 14;

    private BridgeProtocolBit() {
    }

    /**
     * @param onBridge called when the connection's CONNECT carries the bit
     * @return a handler for the server's pipeline, ahead of the framer, that removes itself after the first packet
     */
    static ChannelInboundHandlerAdapter reader(Runnable onBridge) {
        return new Reader(onBridge);
    }

    /** @return a handler for a bridge's pipeline, between the socket and the encoder */
    static ChannelOutboundHandlerAdapter writer() {
        return new Writer();
    }

    /**
     * @return the index of the protocol level byte of the CONNECT at the start of the bytes, -1 when they do not start
     *         with one, or -2 when too few bytes have come to tell
     */
    private static int levelIndex(ByteBuf bytes) {
        int start = bytes.readerIndex();
        int end = bytes.writerIndex();
        if (end == start) {
            return -2;
        }
        if (bytes.getUnsignedByte(start) >> 4 != CONNECT) {
            return -1;
        }
        int index = start + 1;
        while (index < end && (bytes.getUnsignedByte(index) & 0x80) != 0) {
            index++;
            if (index - start > 4) {
                return -1;
            }
        }
        if (index + 3 > end) {
            return -2;
        }
        int level = index + 3 + bytes.getUnsignedShort(index + 1);
        if (level - start > MOST_BYTES_BEFORE_LEVEL) {
            return -1;
        }
        return level < end ? level : -2;
    }

    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final Runnable onBridge;
        private ByteBuf pending;

        Reader(Runnable onBridge) {
            this.onBridge = onBridge;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (!(msg instanceof ByteBuf bytes)) {
                super.channelRead(ctx, msg);
                return;
            }
            ByteBuf all = pending == null ? bytes : ctx.alloc().compositeBuffer().addComponents(true, pending, bytes);
            pending = null;
            int level = levelIndex(all);
            if (level == -2) {
                pending = all;
                return;
            }
            if (level >= 0 && (all.getUnsignedByte(level) & BRIDGE_BIT) != 0) {
                all.setByte(level, all.getUnsignedByte(level) & ~BRIDGE_BIT);
                onBridge.run();
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(all);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (pending != null) {
                pending.release();
                pending = null;
            }
        }
    }

    private static final class Writer extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof ByteBuf bytes) {
                int level = levelIndex(bytes);
                if (level >= 0) {
                    bytes.setByte(level, bytes.getUnsignedByte(level) | BRIDGE_BIT);
                    ctx.pipeline().remove(this);
                }
            }
            super.write(ctx, msg, promise);
        }
    }
}
