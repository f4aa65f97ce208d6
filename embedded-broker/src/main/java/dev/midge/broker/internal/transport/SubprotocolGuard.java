package dev.midge.broker.internal.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Refuses, with 400 Bad Request, a WebSocket upgrade on the MQTT path that does not offer an MQTT subprotocol:
 * {@code mqtt}, or {@code mqttv3.1} as MQTT 3.1 clients name it. Netty's handshake would otherwise accept such a
 * client without any subprotocol, and MQTT would flow over a connection the client did not ask to carry it.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class SubprotocolGuard extends ChannelInboundHandlerAdapter {

    /** The subprotocols the broker speaks, in the order it prefers them. */
    static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    private static final Logger LOG = LoggerFactory.getLogger(SubprotocolGuard.class);
    private static final Set<String> ACCEPTED = Set.of(SUBPROTOCOLS.split(","));

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest request) || !onMqttPath(request.uri())) {
            super.channelRead(ctx, msg);
            return;
        }
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (offersMqtt(offered)) {
            ctx.pipeline().remove(this);
            super.channelRead(ctx, msg);
            return;
        }
        LOG.debug("Refusing a WebSocket upgrade from {}: subprotocol {} is not MQTT", ctx.channel().remoteAddress(),
                offered == null ? "(none)" : offered);
        ReferenceCountUtil.release(msg);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.BAD_REQUEST);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION,
                HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean onMqttPath(String uri) {
        return uri.equals(Pipelines.WEBSOCKET_PATH) || uri.startsWith(Pipelines.WEBSOCKET_PATH + "?");
    }

    private static boolean offersMqtt(String offered) {
        if (offered == null) {
            return false;
        }
        for (String subprotocol : offered.split(",")) {
            if (ACCEPTED.contains(subprotocol.trim())) {
                return true;
            }
        }
        return false;
    }
}
