package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection the broker has given up on so that the client reads what it was last sent (a DISCONNECT or
 * CONNACK with the reason) instead of a reset: closing a socket whose peer is still writing makes the operating
 * system answer with a reset, and a client still writing when it comes loses the unread reason with it.
 *
 * <p>So the broker finishes writing, then ends its side: a TCP half-close (after a TLS close_notify on TLS), or a
 * WebSocket Close frame. From then on it reads and discards the client's input, handling none of it, until the
 * client closes its side, for at most {@value #GRACE_MILLIS} ms and {@value #GRACE_BYTES} bytes; then it closes.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class DrainingClose extends ChannelInboundHandlerAdapter {

    /** How long the broker keeps reading from a connection it has ended. */
    static final long GRACE_MILLIS = 1000;

    /** How many bytes the broker discards from a connection it has ended before it closes it at once. */
    static final long GRACE_BYTES = 1024 * 1024;

    private static final String NAME = "midge-drain";

    private long discarded;

    private DrainingClose() {
    }

    /**
     * Ends a connection gracefully, after what has been written to it so far.
     *
     * @param context the context writes to the connection go through
     */
    static void start(ChannelHandlerContext context) {
        Channel channel = context.channel();
        ChannelPipeline pipeline = channel.pipeline();
        boolean websocket = pipeline.get(WebSocketServerProtocolHandler.class) != null;
        boolean upgraded = pipeline.get(WebSocketFrameEncoder.class) != null;
        if (!channel.isActive() || pipeline.get(NAME) != null || websocket && !upgraded) {
            // A WebSocket connection still at its HTTP upgrade has been told nothing that a close could lose.
            channel.close();
            return;
        }
        // Right after the transport's own decoding (TLS, WebSocket frames), before anything that would answer.
        if (websocket) {
            pipeline.addAfter(pipeline.context(WebSocketFrameDecoder.class).name(), NAME, new DrainingClose());
        } else {
            pipeline.addBefore(Pipelines.BACKPRESSURE, NAME, new DrainingClose());
        }
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> channel.close(), GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
        if (websocket) {
            context.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        } else {
            context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> endOutput(channel));
        }
    }

    private static void endOutput(Channel channel) {
        if (!channel.isActive() || !(channel instanceof DuplexChannel duplex)) {
            channel.close();
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            shutdownOutput(duplex);
        } else {
            tls.closeOutbound().addListener(notified -> shutdownOutput(duplex));
        }
    }

    private static void shutdownOutput(DuplexChannel channel) {
        channel.shutdownOutput().addListener(done -> {
            if (!done.isSuccess()) {
                channel.close();
            }
        });
    }

    /**
     * Discards what the client sends. Its WebSocket Close answers the broker's, which has been sent already, so the
     * connection ends at once, without a second Close from the broker.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            discarded += bytes.readableBytes();
        } else if (msg instanceof ByteBufHolder holder) {
            discarded += holder.content().readableBytes();
        }
        boolean answered = msg instanceof CloseWebSocketFrame;
        ReferenceCountUtil.release(msg);
        if (answered || discarded > GRACE_BYTES) {
            ctx.channel().close();
        }
    }
}
