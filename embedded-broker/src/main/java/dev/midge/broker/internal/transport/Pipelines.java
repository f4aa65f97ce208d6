package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.MemoryBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Puts the MQTT packet reader and encoder (and for WebSocket listeners the HTTP upgrade and frame handling) into a
 * connection's Netty pipeline, in front of its {@link ConnectionTail}, which then hands read packets to the
 * connection.
 *
 * <p>Called on the broker's thread, as each connection starts.
 */
final class Pipelines {

    static final String WEBSOCKET_PATH = "/mqtt";

    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);

    private static final String TAIL = ConnectionTail.NAME;
    /** The first handler past the transport's own decoding (TLS, WebSocket frames) on every connection. */
    static final String BACKPRESSURE = "midge-backpressure";
    private static final int MAX_HANDSHAKE_BYTES = 8192;

    private Pipelines() {
    }

    static void configure(ChannelPipeline pipeline, Listener listener, MemoryBudget budget,
                          Backpressure backpressure, Runnable onBridgeClient) {
        int maxPacketSize = listener.maxPacketSize();
        long connectTimeoutMillis = listener.connectTimeoutMillis();
        boolean websocket = listener.websocket();
        if (websocket) {
            pipeline.addBefore(TAIL, "midge-http-guard", new HttpGuard());
            pipeline.addBefore(TAIL, "midge-http", new HttpServerCodec());
            pipeline.addBefore(TAIL, "midge-http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
            pipeline.addBefore(TAIL, "midge-subprotocol", new SubprotocolGuard());
            pipeline.addBefore(TAIL, "midge-websocket", new WebSocketServerProtocolHandler(
                    WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath(WEBSOCKET_PATH)
                            .subprotocols(SubprotocolGuard.SUBPROTOCOLS)
                            .maxFramePayloadLength(maxPacketSize + 5)
                            .handshakeTimeoutMillis(connectTimeoutMillis)
                            .build()));
            pipeline.addBefore(TAIL, "midge-frame-budget-installer",
                    WebSocketFrameBudget.installer(budget, maxPacketSize + 5L));
            pipeline.addBefore(TAIL, "midge-frames-out", new BytesToFrames());
            pipeline.addBefore(TAIL, "midge-frames-in", new FramesToBytes());
        }
        pipeline.addBefore(TAIL, BACKPRESSURE, backpressure);
        pipeline.addBefore(TAIL, "midge-bridge-bit", BridgeProtocolBit.reader(onBridgeClient));
        pipeline.addBefore(TAIL, "midge-mqtt-reader", new PacketFramer(maxPacketSize, budget, backpressure));
    }

    /** Puts a connection's network faults right before its tail, when a test sets one. */
    static void networkFaults(ChannelPipeline pipeline, NetworkFaultHandler handler) {
        pipeline.addBefore(TAIL, "midge-network-faults", handler);
    }

    /**
     * A WebSocket connection starts with an HTTP GET. Anything else (plain MQTT sent to the WebSocket port, say)
     * is closed at once instead of waiting for an HTTP line that never comes.
     */
    private static final class HttpGuard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof ByteBuf bytes && bytes.isReadable() && bytes.getByte(bytes.readerIndex()) != 'G') {
                LOG.debug("Closing {}: the WebSocket listener got something other than an HTTP GET",
                        ctx.channel().remoteAddress());
                bytes.release();
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            super.channelRead(ctx, msg);
        }
    }

    private static final class FramesToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            } else {
                LOG.debug("Closing {}: MQTT over WebSocket travels in binary frames, not {}",
                        ctx.channel().remoteAddress(), frame.getClass().getSimpleName());
                ctx.close();
            }
        }
    }

    /**
     * Puts each write into a binary frame. An empty write (the {@link ConnectionTail} flushes with one when it closes
     * a connection) stays an empty write: as a frame it would reach the client as an empty binary frame just before
     * the Close.
     */
    private static final class BytesToFrames extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(bytes.isReadable() ? new BinaryWebSocketFrame(bytes.retain()) : bytes.retain());
        }
    }
}
