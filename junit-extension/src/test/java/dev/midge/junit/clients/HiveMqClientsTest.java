package dev.midge.junit.clients;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.midge.broker.Broker;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.HiveMqClients;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HiveMqClients}: HiveMQ MQTT clients, 3.1.1 and 5.0, over every transport of the test broker.
 */
@MqttBroker(websocket = true, tls = true)
class HiveMqClientsTest {

    private static final byte[] READING = "21.5".getBytes(StandardCharsets.UTF_8);

    @Test
    void anMqtt5ReadingGoesThroughTheBrokerToAnMqtt5Subscriber(HiveMqClients clients, BrokerHandle broker)
            throws InterruptedException {
        Mqtt5BlockingClient dashboard = clients.v5("dashboard");
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = dashboard.publishes(MqttGlobalPublishFilter.ALL)) {
            dashboard.subscribeWith().topicFilter("raspberry/#").qos(MqttQos.AT_LEAST_ONCE).send();

            clients.v5("pi").publishWith().topic("raspberry/topic").payload(READING).qos(MqttQos.AT_LEAST_ONCE)
                    .userProperties().add("unit", "celsius").applyUserProperties().send();

            Optional<Mqtt5Publish> received = inbox.receive(10, TimeUnit.SECONDS);
            assertThat(received).hasValueSatisfying(message -> {
                assertThat(message.getTopic()).hasToString("raspberry/topic");
                assertThat(message.getPayloadAsBytes()).isEqualTo(READING);
            });
        }
        assertThat(broker).received().from("pi").onTopic("raspberry/topic").withUserProperty("unit", "celsius")
                .once();
    }

    @Test
    void anMqtt3ReadingGoesThroughTheBrokerToAnMqtt3Subscriber(HiveMqClients clients, BrokerHandle broker)
            throws InterruptedException {
        Mqtt3BlockingClient dashboard = clients.v3("dashboard");
        try (Mqtt3BlockingClient.Mqtt3Publishes inbox = dashboard.publishes(MqttGlobalPublishFilter.ALL)) {
            dashboard.subscribeWith().topicFilter("raspberry/#").qos(MqttQos.EXACTLY_ONCE).send();

            clients.v3("pi").publishWith().topic("raspberry/topic").payload(READING).qos(MqttQos.EXACTLY_ONCE).send();

            Optional<Mqtt3Publish> received = inbox.receive(10, TimeUnit.SECONDS);
            assertThat(received).hasValueSatisfying(message -> {
                assertThat(message.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
                assertThat(message.getPayloadAsBytes()).isEqualTo(READING);
            });
        }
        assertThat(broker).hasConnectedClient("pi").hasConnectedClient("dashboard");
    }

    @Test
    void clientsConnectOverWebSocketAndTlsTrustingTheBrokersCertificate(HiveMqClients clients, BrokerHandle broker) {
        clients.v5OverWebSocket("ws-5").publishWith().topic("t").payload("ws-5".getBytes()).send();
        clients.v3OverWebSocket("ws-3").publishWith().topic("t").payload("ws-3".getBytes()).send();
        clients.v5OverTls("tls-5").publishWith().topic("t").payload("tls-5".getBytes()).send();
        clients.v3OverTls("tls-3").publishWith().topic("t").payload("tls-3".getBytes()).send();

        assertThat(broker).received().onTopic("t").payloadsInOrder("ws-5", "ws-3", "tls-5", "tls-3");
    }

    @Test
    void anUnconnectedClientConnectsWhenTheTestSaysSo(HiveMqClients clients, BrokerHandle broker) {
        Mqtt5Client pi = clients.v5Unconnected("pi");
        assertThat(broker.connectedClients()).doesNotContain("pi");

        pi.toBlocking().connectWith().cleanStart(false).send();

        assertThat(broker).hasConnectedClient("pi");
    }

    @Test
    void closingDisconnectsCleanlySoNoWillIsPublished() throws Exception {
        try (EmbeddedBrokerHandle broker = new EmbeddedBrokerHandle(Broker.builder().port(0).start())) {
            HiveMqClients clients = new HiveMqClients(broker);
            clients.v3("pi", Mqtt3Connect.builder().willPublish().topic("raspberry/status").payload("Off".getBytes())
                    .applyWillPublish().build());
            Mqtt5BlockingClient v5 = clients.v5("pi-5");
            clients.v5Unconnected("never-connected");

            clients.close();

            assertThat(broker).hasDisconnectedClient("pi").cleanly();
            assertThat(broker).hasDisconnectedClient("pi-5").cleanly();
            assertThat(v5.getState().isConnectedOrReconnect()).isFalse();
            assertThat(broker.receivedMessages()).isEmpty();
        }
    }
}
