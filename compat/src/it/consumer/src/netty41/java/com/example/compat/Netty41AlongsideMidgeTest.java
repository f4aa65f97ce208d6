package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own Netty 4.1 and its MQTT codec run in the same JVM as the broker, and talk MQTT to it.
 */
@MqttBroker
class Netty41AlongsideMidgeTest {

    @Test
    void aNetty41MqttClientGetsItsConnackFromTheBroker(BrokerHandle broker) throws Exception {
        assertThat(Version.identify().get("netty-codec-mqtt").artifactVersion()).startsWith("4.1.");
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            CompletableFuture<MqttConnAckMessage> connack = new CompletableFuture<>();
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(),
                                    new SimpleChannelInboundHandler<MqttConnAckMessage>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, MqttConnAckMessage m) {
                                            connack.complete(m);
                                        }
                                    });
                        }
                    })
                    .connect("127.0.0.1", broker.port()).sync().channel();
            channel.writeAndFlush(MqttMessageBuilders.connect().clientId("netty41")
                    .protocolVersion(MqttVersion.MQTT_3_1_1).keepAlive(60).cleanSession(true).build()).sync();

            assertThat(connack.get(10, TimeUnit.SECONDS).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(broker).hasConnectedClient("netty41");
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
