package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own Netty 4.1, its MQTT codec and its native epoll transport run in the same JVM as the broker,
 * whose relocated Netty 4.2, asked for epoll ({@code midge.nativeTransport=true}, set by this profile), loads a native
 * epoll library of its own, and talk MQTT to it.
 */
@MqttBroker
class Netty41AlongsideMidgeTest {

    @Test
    void aNetty41MqttClientGetsItsConnackFromTheBroker(BrokerHandle broker) throws Exception {
        assertThat(Version.identify().get("netty-codec-mqtt").artifactVersion()).startsWith("4.1.");
        assertThat(Epoll.isAvailable()).as("the application's Netty 4.1 epoll: %s", Epoll.unavailabilityCause())
                .isTrue();
        EventLoopGroup group = new EpollEventLoopGroup(1);
        try {
            CompletableFuture<MqttConnAckMessage> connack = new CompletableFuture<>();
            Channel channel = new Bootstrap().group(group).channel(EpollSocketChannel.class)
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
            assertThat(Files.readString(Path.of("/proc/self/maps")))
                    .contains("libnetty_transport_native_epoll_x86_64")
                    .contains("libdev_midge_broker_internal_shaded_netty_transport_native_epoll_x86_64");
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
