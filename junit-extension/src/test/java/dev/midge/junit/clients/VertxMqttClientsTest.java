package dev.midge.junit.clients;

import dev.midge.broker.Broker;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.VertxMqttClients;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link VertxMqttClients}: Vert.x MQTT clients on a Vert.x of their own, over TCP and TLS.
 */
@MqttBroker(tls = true, users = "pi:secret")
class VertxMqttClientsTest {

    private static MqttClientOptions pi(String clientId) {
        return new MqttClientOptions().setClientId(clientId).setUsername("pi").setPassword("secret");
    }

    @Test
    void aReadingGoesThroughTheBrokerToASubscriber(VertxMqttClients clients, BrokerHandle broker) throws Exception {
        MqttClient dashboard = clients.connected(pi("dashboard"));
        CompletableFuture<MqttPublishMessage> received = new CompletableFuture<>();
        dashboard.publishHandler(received::complete);
        dashboard.subscribe("raspberry/#", 1);
        // Vert.x completes subscribe() when the SUBSCRIBE is sent, not when the broker has taken it.
        assertThat(broker).hasSubscription("dashboard", "raspberry/#");

        clients.connected(pi("pi")).publish("raspberry/topic", Buffer.buffer("21.5"), MqttQoS.AT_LEAST_ONCE, false,
                false);

        MqttPublishMessage message = received.get(10, TimeUnit.SECONDS);
        assertThat(message.topicName()).isEqualTo("raspberry/topic");
        assertThat(message.payload().toString()).isEqualTo("21.5");
        assertThat(broker).received().from("pi").onTopic("raspberry/topic").withPayload("21.5").once();
    }

    @Test
    void aClientConnectsOverTlsTrustingTheBrokersCertificate(VertxMqttClients clients, BrokerHandle broker) {
        MqttClientOptions options = pi("tls-pi");
        MqttClient client = clients.unconnected(options);
        assertThat(client.isConnected()).isFalse();

        MqttClient overTls = clients.overTls(pi("tls-dashboard"));

        assertThat(overTls.isConnected()).isTrue();
        assertThat(broker).hasConnectedClient("tls-dashboard");
    }

    @Test
    void aRefusedConnectionSaysWhatHappened(VertxMqttClients clients, BrokerHandle broker) {
        assertThatThrownBy(() -> clients.connected(new MqttClientOptions().setClientId("intruder")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Vert.x MQTT could not connect intruder to " + broker.uri());
        assertThat(broker).hasRefusedConnection("intruder");
    }

    @Test
    void closingDisconnectsCleanlyAndClosesTheVertxInstance() throws Exception {
        try (EmbeddedBrokerHandle broker = new EmbeddedBrokerHandle(Broker.builder().port(0).start())) {
            VertxMqttClients clients = new VertxMqttClients(broker);
            MqttClient pi = clients.connected(new MqttClientOptions().setClientId("pi").setWillFlag(true)
                    .setWillTopic("raspberry/status").setWillMessageBytes(Buffer.buffer("Off")));

            clients.close();

            assertThat(pi.isConnected()).isFalse();
            assertThat(broker).hasDisconnectedClient("pi").cleanly();
            assertThat(broker.receivedMessages()).isEmpty();
        }
    }
}
