package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The will is published whenever a connection ends without DISCONNECT, and only then.
 */
class WillMessagesTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());
    private final MessageCollector watcher = new MessageCollector();
    private final EventRecorder events = EventRecorder.on(broker);

    @BeforeEach
    void watchWills() throws Exception {
        clients.connect("watcher", watcher).subscribe(new String[]{"status/#", "marker"}, new int[]{2, 2});
    }

    @AfterEach
    void tearDown() {
        events.close();
        clients.close();
        broker.close();
    }

    @Test
    void theWillIsPublishedWhenPahoDropsTheConnectionWithoutDisconnect() throws Exception {
        MqttClient device = clients.connect("device", new MessageCollector(), withWill("status/device", 1));

        device.disconnectForcibly(0, 0, false);

        assertThat(watcher.next("status/device", "offline").qos()).isEqualTo(1);
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.CONNECTION_LOST);
    }

    @Test
    void theWillIsPublishedWhenTheSocketIsClosed() {
        RawMqttClient.connect(broker.port(), rawWithWill("device")).close();

        watcher.next("status/device", "offline");
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.CONNECTION_LOST);
    }

    @Test
    void theWillIsPublishedWhenTheKeepAliveIsMissed() {
        try (RawMqttClient silent = RawMqttClient.connect(broker.port(), rawWithWill("device").keepAliveSeconds(1))) {
            watcher.next("status/device", "offline");
            assertThat(silent.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        }
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.KEEP_ALIVE_TIMEOUT);
    }

    @Test
    void theWillIsPublishedWhenTheClientBreaksTheProtocol() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), rawWithWill("device"))) {
            client.send(MqttPackets.publish("status/+", "wildcards are not allowed here"));
            watcher.next("status/device", "offline");
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        }
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void theWillIsPublishedWhenTheBrokerDropsTheConnection() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), rawWithWill("device"))) {
            assertThat(broker.dropConnection("device")).isTrue();
            watcher.next("status/device", "offline");
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        }
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.DROPPED_BY_BROKER);
        assertThat(broker.dropConnection("device")).as("no longer connected").isFalse();
    }

    @Test
    void theWillIsNotPublishedAfterDisconnect() throws Exception {
        MqttClient device = clients.connect("device", new MessageCollector(), withWill("status/device", 1));
        device.disconnect(0);
        Await.until("device is offline", () -> !broker.connectedClients().contains("device"));

        broker.publish(new Message("marker", "end".getBytes(StandardCharsets.UTF_8), QoS.EXACTLY_ONCE, false, null));

        watcher.next("marker", "end");
        assertThat(disconnectReasonOf("device")).isEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
        assertThat(events.all(BrokerEvent.WillPublished.class)).isEmpty();
    }

    @Test
    void theWillKeepsItsQosAndARetainedWillReachesLaterSubscribers() {
        RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device")
                .will("status/device", "offline", 2, true)).close();

        MessageCollector.Received live = watcher.next("status/device", "offline");
        assertThat(live.qos()).isEqualTo(2);
        assertThat(live.retained()).as("forwarded to an existing subscription").isFalse();

        try (RawMqttClient later = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("later"))) {
            later.send(MqttPackets.subscribe(1, "status/#", 2));
            later.expect(Packet.SUBACK);
            Packet retained = later.expect(Packet.PUBLISH);
            assertThat(retained.payloadAsString()).isEqualTo("offline");
            assertThat(retained.retain()).isTrue();
            assertThat(retained.qos()).isEqualTo(2);
        }
    }

    @Test
    void noWillIsPublishedWhenTheBrokerIsClosed() throws Exception {
        clients.connect("device", new MessageCollector(), withWill("status/device", 1));
        try (RawMqttClient raw = RawMqttClient.connect(broker.port(), rawWithWill("raw-device"))) {
            broker.close();
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        }
        assertThat(events.all(BrokerEvent.ClientDisconnected.class))
                .extracting(BrokerEvent.ClientDisconnected::reason)
                .hasSize(3)
                .containsOnly(DisconnectReason.SERVER_SHUTTING_DOWN);
        assertThat(events.all(BrokerEvent.WillPublished.class)).isEmpty();
    }

    private DisconnectReason disconnectReasonOf(String clientId) {
        return events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals(clientId)).reason();
    }

    private static MqttConnectOptions withWill(String topic, int qos) {
        MqttConnectOptions options = PahoClients.options();
        options.setWill(topic, "offline".getBytes(StandardCharsets.UTF_8), qos, false);
        return options;
    }

    private static ConnectPacket rawWithWill(String clientId) {
        return ConnectPacket.mqtt311(clientId).will("status/" + clientId, "offline", 1, false);
    }
}
