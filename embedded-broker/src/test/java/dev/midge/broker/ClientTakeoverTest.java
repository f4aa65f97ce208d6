package dev.midge.broker;

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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CONNECT with a client identifier that is already connected takes the session over: the old connection is
 * closed as if it had failed, so its will is published.
 */
class ClientTakeoverTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void theOldConnectionIsClosedAndItsWillPublished() throws Exception {
        MessageCollector watcher = new MessageCollector();
        clients.connect("watcher", watcher).subscribe("status/#", 1);
        MqttConnectOptions withWill = PahoClients.options();
        withWill.setWill("status/device", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        MessageCollector oldSide = new MessageCollector();
        MqttClient old = clients.connect("device", oldSide, withWill);

        try (EventRecorder events = EventRecorder.on(broker)) {
            MqttClient successor = clients.connect("device", new MessageCollector());

            oldSide.awaitConnectionLost();
            assertThat(old.isConnected()).isFalse();
            assertThat(watcher.next("status/device", "gone").qos()).isEqualTo(1);
            assertThat(successor.isConnected()).isTrue();
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("device"))
                    .reason()).isEqualTo(DisconnectReason.SESSION_TAKEN_OVER);
            assertThat(broker.connectedClients()).containsExactlyInAnyOrder("watcher", "device");
        }
    }

    @Test
    void theNewConnectionResumesAPersistentSessionWithItsSubscriptions() {
        ConnectPacket persistent = ConnectPacket.mqtt311("device").cleanSession(false);
        try (RawMqttClient old = RawMqttClient.connect(broker.port(), persistent)) {
            old.send(MqttPackets.subscribe(1, "cmd", 1));
            old.expect(Packet.SUBACK);
            try (RawMqttClient successor = RawMqttClient.open(broker.port())) {
                successor.send(persistent.build());
                assertThat(successor.expect(Packet.CONNACK).sessionPresent()).isTrue();
                assertThat(old.awaitClosed(CLOSE_TIMEOUT)).isEmpty();

                broker.publish(new Message("cmd", "on".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false,
                        null));
                Packet delivered = successor.expect(Packet.PUBLISH);
                assertThat(delivered.payloadAsString()).isEqualTo("on");
            }
        }
    }

    @Test
    void aCleanSessionTakingOverAPersistentOneStartsAfresh() {
        try (RawMqttClient old = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("device").cleanSession(false))) {
            old.send(MqttPackets.subscribe(1, "cmd", 1));
            old.expect(Packet.SUBACK);
            try (RawMqttClient successor = RawMqttClient.open(broker.port())) {
                successor.send(ConnectPacket.mqtt311("device").build());
                assertThat(successor.expect(Packet.CONNACK).sessionPresent()).isFalse();
                assertThat(old.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
                assertThat(broker.subscriptions()).isEmpty();
            }
        }
    }

    @Test
    void aPersistentSessionTakingOverACleanOneStartsAfreshAndCanItselfBeTakenOver() {
        ConnectPacket persistent = ConnectPacket.mqtt311("device").cleanSession(false);
        try (RawMqttClient first = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device"));
             RawMqttClient second = RawMqttClient.open(broker.port());
             RawMqttClient third = RawMqttClient.open(broker.port())) {
            second.send(persistent.build());
            assertThat(second.expect(Packet.CONNACK).sessionPresent())
                    .as("the clean session ended with its connection").isFalse();
            assertThat(first.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            second.send(MqttPackets.subscribe(1, "cmd", 1));
            second.expect(Packet.SUBACK);

            third.send(persistent.build());
            assertThat(third.expect(Packet.CONNACK).sessionPresent()).isTrue();
            assertThat(second.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            assertThat(broker.connectedClients()).containsExactly("device");
            assertThat(broker.subscriptions()).extracting(SubscriptionInfo::filter).containsExactly("cmd");
        }
    }
}
