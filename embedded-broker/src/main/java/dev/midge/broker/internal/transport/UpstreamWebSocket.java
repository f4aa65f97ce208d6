package dev.midge.broker.internal.transport;

import dev.midge.broker.BridgeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.util.List;

/**
 * MQTT over WebSocket for a bridge's connection to its upstream: the HTTP upgrade (subprotocol {@code mqtt}), then
 * MQTT's bytes in binary frames both ways. The bridge's connection is handed over connected, its TLS handshake
 * done, so the upgrade is started here rather than when the channel becomes active.
 *
 * <p>Runs on the broker's event-loop thread.
 */
final class UpstreamWebSocket {

    private static final String SUBPROTOCOL = "mqtt";
    private static final int MAX_HANDSHAKE_BYTES = 8192;
    /** The largest frame the bridge takes: an MQTT packet of the protocol's largest size and its fixed header. */
    private static final int MAX_FRAME_PAYLOAD = 268_435_455 + 5;

    private UpstreamWebSocket() {
    }

    /**
     * Adds the WebSocket handlers in front of the given handler and sends the upgrade request.
     *
     * @param before  the name of the handler the MQTT bytes go to and come from
     * @param onReady called once the upstream has accepted the upgrade
     */
    static void install(ChannelPipeline pipeline, String before, BridgeAddress address, Runnable onReady) {
        String scheme = address.transport().tls() ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + address + address.websocketPath());
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, SUBPROTOCOL, false, EmptyHttpHeaders.INSTANCE, MAX_FRAME_PAYLOAD);
        pipeline.addBefore(before, "midge-http", new HttpClientCodec());
        pipeline.addBefore(before, "midge-http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addBefore(before, "midge-websocket-upgrade", new Upgrade(handshaker, onReady));
        pipeline.addBefore(before, "midge-frames-in", new FramesToBytes());
        pipeline.addBefore(before, "midge-frames-out", new BytesToFrames());
        handshaker.handshake(pipeline.channel());
    }

    /** Finishes the upgrade with the upstream's answer, which swaps the HTTP codec for the frame codec. */
    private static final class Upgrade extends ChannelInboundHandlerAdapter {
        private final WebSocketClientHandshaker handshaker;
        private final Runnable onReady;

        Upgrade(WebSocketClientHandshaker handshaker, Runnable onReady) {
            this.handshaker = handshaker;
            this.onReady = onReady;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (!(msg instanceof FullHttpResponse response)) {
                super.channelRead(ctx, msg);
                return;
            }
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } finally {
                response.release();
            }
            ctx.pipeline().remove(this);
            onReady.run();
        }
    }

    /**
     * Hands the bytes of binary frames on, answers pings, and closes on a Close frame, or on a text frame, which MQTT
     * never uses.
     */
    private static final class FramesToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
            } else if (frame instanceof CloseWebSocketFrame || !(frame instanceof PongWebSocketFrame)) {
                ctx.close();
            }
        }
    }

    /** Puts each write of MQTT bytes into a binary frame; an empty write (a flush) stays an empty write. */
    private static final class BytesToFrames extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(bytes.isReadable() ? new BinaryWebSocketFrame(bytes.retain()) : bytes.retain());
        }
    }
}
