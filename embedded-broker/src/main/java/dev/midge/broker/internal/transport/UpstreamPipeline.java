package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeAddress;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Puts the MQTT codec, the bridge bit of {@link BridgeProtocolBit}, the keep-alive and, for the WebSocket transports,
 * {@link UpstreamWebSocket} into the Netty pipeline of a bridge's connection to its upstream, in front of the
 * connection's own handler.
 *
 * <p>Called on the broker's thread, as the connection starts.
 */
final class UpstreamPipeline {

    private static final String CONNECTION = UpstreamConnection.HANDLER;
    /** The largest packet the bridge takes from its upstream: MQTT's own limit. */
    private static final int MAX_PACKET_SIZE = 268_435_455;
    private static final int MAX_CLIENT_ID_LENGTH = 65535;

    private UpstreamPipeline() {
    }

    /**
     * @param onReady   called once the connection can carry MQTT: the CONNECT goes out then
     * @param onSilence called when the upstream has sent nothing for 1.5 times the keep-alive interval
     */
    static void configure(ChannelPipeline pipeline, Bridge bridge, BridgeAddress address, Runnable onReady,
                          Runnable onSilence) {
        boolean websocket = address.transport().websocket();
        if (websocket) {
            UpstreamWebSocket.install(pipeline, CONNECTION, address, onReady);
        }
        if (bridge.tryPrivate() && bridge.protocol() == Bridge.Protocol.MQTT_3_1_1) {
            pipeline.addBefore(CONNECTION, "midge-bridge-bit", BridgeProtocolBit.writer());
        }
        pipeline.addBefore(CONNECTION, "midge-mqtt-encoder", MqttEncoder.INSTANCE);
        pipeline.addBefore(CONNECTION, "midge-mqtt-decoder", new MqttDecoder(MAX_PACKET_SIZE,
                MAX_CLIENT_ID_LENGTH));
        long keepAliveMillis = bridge.keepAlive().toMillis();
        pipeline.addBefore(CONNECTION, "midge-idle", new IdleStateHandler(keepAliveMillis * 3 / 2, keepAliveMillis,
                0, TimeUnit.MILLISECONDS));
        pipeline.addBefore(CONNECTION, "midge-keep-alive", new KeepAlive(onSilence));
        if (!websocket) {
            onReady.run();
        }
    }

    /** Sends PINGREQ when the bridge has sent nothing for a keep-alive interval, and reports the upstream's silence. */
    private static final class KeepAlive extends ChannelInboundHandlerAdapter {
        private final Runnable onSilence;

        KeepAlive(Runnable onSilence) {
            this.onSilence = onSilence;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(UpstreamPackets.PINGREQ, ctx.voidPromise());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    onSilence.run();
                }
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }
}
