package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own Vert.x 4 runs in the same JVM as the broker, and talks MQTT to it.
 */
@MqttBroker
class Vertx4AlongsideMidgeTest {

    private static final byte[] CONNECT = {0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
            0x00, 0x02, 'v', '4'};

    @Test
    void aVertx4ClientGetsItsConnackFromTheBroker(BrokerHandle broker) throws Exception {
        assertThat(io.vertx.core.impl.launcher.commands.VersionCommand.getVersion()).startsWith("4.5.");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            CompletableFuture<Buffer> connack = new CompletableFuture<>();
            vertx.createNetClient().connect(broker.port(), "127.0.0.1").onComplete(connected -> {
                if (connected.failed()) {
                    connack.completeExceptionally(connected.cause());
                    return;
                }
                NetSocket socket = connected.result();
                socket.handler(connack::complete);
                socket.write(Buffer.buffer(CONNECT));
            });

            assertThat(connack.get(10, TimeUnit.SECONDS).getBytes()).containsExactly(0x20, 0x02, 0x00, 0x00);
            assertThat(broker).hasConnectedClient("v4");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
