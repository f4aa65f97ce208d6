package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.VertxMqttClients;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Vert.x 4 application's own MQTT client, from the injected factory: it connects, publishes and subscribes as with
 * Vert.x 5.
 */
@MqttBroker
class Vertx4MqttClientTest {

    @Test
    void theInjectedFactoryMakesVertx4ClientsThatPublishAndSubscribe(BrokerHandle broker, VertxMqttClients clients)
            throws Exception {
        assertThat(io.vertx.core.impl.launcher.commands.VersionCommand.getVersion()).startsWith("4.5.");
        MqttClient dashboard = clients.connected("dashboard");
        CompletableFuture<String> received = new CompletableFuture<>();
        dashboard.publishHandler(message -> received.complete(message.payload().toString()));
        dashboard.subscribe("raspberry/topic", 1);
        // Vert.x MQTT completes subscribe when the packet is sent; the broker says when it holds the subscription.
        assertThat(broker).hasSubscription("dashboard", "raspberry/topic");

        clients.connected("pi").publish("raspberry/topic", Buffer.buffer("21.5"), MqttQoS.AT_LEAST_ONCE, false, false);

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("21.5");
        assertThat(broker).received().onTopic("raspberry/topic").withPayload("21.5").once();
    }
}
