package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.MemoryBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * Holds a WebSocket frame being received to the memory budget, as the {@link PacketFramer} does an MQTT packet:
 * Netty's frame decoder keeps a frame until all of it has arrived, so clients that each send a frame of nearly the
 * maximum packet size, slowly, would otherwise hold that much apiece outside the budget.
 *
 * <p>Sits right before the frame decoder and reads each frame's header (RFC 6455 §5.2) in the bytes going by. A
 * frame still incomplete at the end of a read claims its whole payload from the budget, as packets being received
 * do; the claim is given back as the frame's last bytes go to the decoder, which hands the frame on at once, to the
 * framer that claims the packet in it. A frame the budget has no room for ends the connection, reported as a
 * {@link PacketFramer.NoRoomException}. A frame over the size limit is left for the decoder to refuse.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class WebSocketFrameBudget extends ChannelInboundHandlerAdapter {

    /** The name Netty's handshake gives the frame decoder it adds. */
    private static final String FRAME_DECODER = "wsdecoder";
    private static final int MAX_HEADER_LENGTH = 14;
    private static final int MASK_KEY_LENGTH = 4;

    private final MemoryBudget budget;
    private final long maxFramePayload;
    private final byte[] header = new byte[MAX_HEADER_LENGTH];
    private int headerRead;
    private long frameLength;
    private long payloadLeft;
    private long claimed;
    private boolean unmetered;
    private boolean failed;

    private WebSocketFrameBudget(MemoryBudget budget, long maxFramePayload) {
        this.budget = budget;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * @param budget          the broker's memory budget
     * @param maxFramePayload the largest frame payload the decoder accepts
     * @return a handler that puts the frame budget before the frame decoder once the WebSocket handshake is done,
     *         to be placed after the handshake handler
     */
    static ChannelInboundHandlerAdapter installer(MemoryBudget budget, long maxFramePayload) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                    ctx.pipeline().addBefore(FRAME_DECODER, "midge-frame-budget",
                            new WebSocketFrameBudget(budget, maxFramePayload));
                    ctx.pipeline().remove(this);
                }
                super.userEventTriggered(ctx, event);
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (unmetered || !(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long release = 0;
        for (int i = bytes.readerIndex(); i < bytes.writerIndex() && !unmetered; ) {
            if (payloadLeft > 0) {
                int passing = (int) Math.min(payloadLeft, bytes.writerIndex() - i);
                payloadLeft -= passing;
                i += passing;
                if (payloadLeft == 0) {
                    release += claimed;
                    claimed = 0;
                }
            } else {
                header[headerRead++] = bytes.getByte(i++);
                readHeader();
            }
        }
        budget.received(release);
        if (payloadLeft > 0 && claimed == 0 && !unmetered) {
            if (!budget.receiving(frameLength)) {
                failed = true;
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(new PacketFramer.NoRoomException("no room in the memory budget to receive a "
                        + "WebSocket frame of " + frameLength + " bytes"));
                return;
            }
            claimed = frameLength;
        }
        ctx.fireChannelRead(msg);
    }

    /** Once the header read so far is complete, starts counting its frame's payload. */
    private void readHeader() {
        if (headerRead < 2) {
            return;
        }
        int shortLength = header[1] & 0x7F;
        int extendedBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
        int length = 2 + extendedBytes + ((header[1] & 0x80) != 0 ? MASK_KEY_LENGTH : 0);
        if (headerRead < length) {
            return;
        }
        headerRead = 0;
        long payload = shortLength;
        if (extendedBytes > 0) {
            payload = 0;
            for (int i = 2; i < 2 + extendedBytes; i++) {
                payload = payload << 8 | header[i] & 0xFF;
            }
        }
        if (payload < 0 || payload > maxFramePayload) {
            // The decoder refuses the frame and ends the connection; nothing more needs counting.
            unmetered = true;
            return;
        }
        frameLength = payload;
        payloadLeft = payload;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        budget.received(claimed);
        claimed = 0;
    }
}
