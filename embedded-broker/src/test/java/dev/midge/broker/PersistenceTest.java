package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.ManualClock;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker with persistence, stopped and started again on the same store, keeps what an MQTT broker must keep for
 * sessions that outlive their connection (MQTT-3.1.2-4, MQTT-3.1.2-5, MQTT-4.4.0-1) and its retained messages.
 */
class PersistenceTest {

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock();
    private Broker broker;
    private PahoClients clients;

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void start() {
        broker = Broker.builder().port(0).clock(clock).persistence(Persistence.in(directory)).start();
        clients = new PahoClients(broker.uri());
    }

    private void restart() {
        stop();
        start();
    }

    @Test
    void aRetainedMessageSurvivesARestart() throws Exception {
        start();
        MqttClient publisher = clients.connect("publisher", new MessageCollector());
        publisher.publish("sensors/kitchen", "21.5".getBytes(StandardCharsets.UTF_8), 1, true);

        restart();
        MessageCollector received = new MessageCollector();
        clients.connect("late", received).subscribe("sensors/#", 1);

        MessageCollector.Received retained = received.next("sensors/kitchen", "21.5");
        assertThat(retained.retained()).isTrue();
        assertThat(broker.retainedMessages()).extracting(Message::topic).containsExactly("sensors/kitchen");
    }

    @Test
    void aClearedRetainedMessageStaysClearedAfterARestart() throws Exception {
        start();
        MqttClient publisher = clients.connect("publisher", new MessageCollector());
        publisher.publish("sensors/kitchen", "21.5".getBytes(StandardCharsets.UTF_8), 1, true);
        publisher.publish("sensors/kitchen", new byte[0], 1, true);

        restart();

        assertThat(broker.retainedMessages()).isEmpty();
    }

    @Test
    void aPersistentSessionIsPresentAfterARestartAndReceivesTheQos1MessagesQueuedForIt() throws Exception {
        start();
        MqttClient device = clients.connect("device", new MessageCollector(), persistent());
        device.subscribe("commands/#", 1);
        device.disconnect(0);
        awaitOffline("device");
        for (int i = 1; i <= 5; i++) {
            broker.publish(new Message("commands/led", ("on " + i).getBytes(StandardCharsets.UTF_8),
                    QoS.AT_LEAST_ONCE, false, null));
        }

        restart();
        MessageCollector received = new MessageCollector();
        MqttClient back = clients.create("device");
        back.setCallback(received);

        assertThat(back.connectWithResult(persistent()).getSessionPresent()).isTrue();
        for (int i = 1; i <= 5; i++) {
            assertThat(received.next("commands/led", "on " + i).qos()).isEqualTo(1);
        }
        assertThat(broker.subscriptions()).extracting(SubscriptionInfo::filter).containsExactly("commands/#");
    }

    @Test
    void aQos2MessageReceivedBeforeARestartIsReleasedByAPubrelAfterItAndDeliveredExactlyOnce() {
        start();
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("subscriber").cleanSession(false))) {
            subscriber.send(MqttPackets.subscribe(1, "t", 2));
            subscriber.expect(Packet.SUBACK);
        }
        awaitOffline("subscriber");
        ConnectPacket publisherSession = ConnectPacket.mqtt311("publisher").cleanSession(false);
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), publisherSession)) {
            publisher.send(MqttPackets.publish("t", "once", 2, 7, false, false));
            assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(7);
        }

        restart();
        try (RawMqttClient publisher = RawMqttClient.open(broker.port())) {
            publisher.send(publisherSession.build());
            assertThat(publisher.expect(Packet.CONNACK).sessionPresent()).isTrue();
            publisher.send(MqttPackets.publish("t", "once", 2, 7, true, false));
            assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(7);
            publisher.send(MqttPackets.pubrel(7));
            assertThat(publisher.expect(Packet.PUBCOMP).packetId()).isEqualTo(7);
        }
        broker.publish(new Message("t", "marker".getBytes(StandardCharsets.UTF_8), QoS.EXACTLY_ONCE, false, null));
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("subscriber").cleanSession(false))) {
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("once");
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("marker");
        }
    }

    @Test
    void unacknowledgedMessagesAreSentAgainWithDupAfterARestartAndPubrelIsResentForAReceivedQos2Message() {
        start();
        ConnectPacket session = ConnectPacket.mqtt311("device").cleanSession(false);
        int qos1Id;
        int qos2Id;
        try (RawMqttClient device = RawMqttClient.connect(broker.port(), session)) {
            device.send(MqttPackets.subscribe(1, "t/#", 2));
            device.expect(Packet.SUBACK);
            broker.publish(new Message("t/1", "one".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false,
                    null));
            broker.publish(new Message("t/2", "two".getBytes(StandardCharsets.UTF_8), QoS.EXACTLY_ONCE, false,
                    null));
            qos1Id = device.expect(Packet.PUBLISH).packetId();
            qos2Id = device.expect(Packet.PUBLISH).packetId();
            device.send(MqttPackets.pubrec(qos2Id));
            assertThat(device.expect(Packet.PUBREL).packetId()).isEqualTo(qos2Id);
        }
        awaitOffline("device");

        restart();
        try (RawMqttClient device = RawMqttClient.open(broker.port())) {
            device.send(session.build());
            assertThat(device.expect(Packet.CONNACK).sessionPresent()).isTrue();
            Packet resent = device.expect(Packet.PUBLISH);
            assertThat(resent.packetId()).isEqualTo(qos1Id);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.payloadAsString()).isEqualTo("one");
            assertThat(device.expect(Packet.PUBREL).packetId()).isEqualTo(qos2Id);
        }
    }

    @Test
    void aDelayedWillPendingWhenTheBrokerStopsIsPublishedAfterTheRestartOnceItsDelayHasRunOut() throws Exception {
        start();
        clients.connect("watcher", new MessageCollector(), persistent()).subscribe("status/#", 1);
        RawMqtt5Client.connect(broker.port(), device(3600).willFlag(true).willTopic("status/device")
                .willQoS(MqttQoS.AT_LEAST_ONCE).willMessage("gone".getBytes(StandardCharsets.UTF_8))
                .willProperties(willDelay(60))).close();
        awaitOffline("device");

        stop();
        clock.advance(Duration.ofSeconds(61));
        start();
        MessageCollector watcher = new MessageCollector();
        clients.connect("watcher", watcher, persistent());

        watcher.next("status/device", "gone");
    }

    @Test
    void aSessionWhoseExpiryRanOutWhileTheBrokerWasDownIsGoneAfterTheRestart() {
        start();
        RawMqtt5Client.connect(broker.port(), device(60)).close();
        awaitOffline("device");

        stop();
        clock.advance(Duration.ofSeconds(61));
        start();

        try (RawMqtt5Client back = RawMqtt5Client.open(broker.port())) {
            assertThat(back.connack(device(60)).variableHeader().isSessionPresent()).isFalse();
        }
    }

    @Test
    void aSessionWithinItsExpiryIntervalIsPresentAfterTheRestart() {
        start();
        RawMqtt5Client.connect(broker.port(), device(60)).close();
        awaitOffline("device");

        stop();
        clock.advance(Duration.ofSeconds(30));
        start();

        try (RawMqtt5Client back = RawMqtt5Client.open(broker.port())) {
            assertThat(back.connack(device(60)).variableHeader().isSessionPresent()).isTrue();
        }
    }

    @Test
    void aCorruptStoreStopsTheStartWithAnErrorNamingItsFile() throws Exception {
        start();
        broker.publish(new Message("kept", "x".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, true, null));
        stop();
        Path file = directory.resolve(Persistence.DEFAULT_FILE_NAME);
        byte[] garbage = new byte[(int) Files.size(file)];
        Arrays.fill(garbage, (byte) 0x5A);
        Files.write(file, garbage);

        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aFileThatIsNotAStoreStopsTheStartWithAnErrorNamingIt() throws Exception {
        Path file = directory.resolve(Persistence.DEFAULT_FILE_NAME);
        Files.writeString(file, "listener 1883\n");

        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aStoreInUseByAnotherBrokerStopsTheStartWithAnErrorNamingIt() {
        start();
        Path file = directory.resolve(Persistence.DEFAULT_FILE_NAME).toAbsolutePath();

        assertThatThrownBy(() -> Broker.builder().port(0).persistence(Persistence.in(directory)).start().close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());
        assertThat(broker.retainedMessages()).isEmpty();
    }

    private void stop() {
        clients.close();
        broker.close();
        broker = null;
        clients = null;
    }

    private static MqttMessageBuilders.ConnectBuilder device(int sessionExpirySeconds) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                sessionExpirySeconds));
        return RawMqtt5Client.connectPacket("device").cleanSession(false).properties(properties);
    }

    private static MqttProperties willDelay(int seconds) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, seconds));
        return properties;
    }

    private static MqttConnectOptions persistent() {
        MqttConnectOptions options = PahoClients.options();
        options.setCleanSession(false);
        return options;
    }

    private void awaitOffline(String clientId) {
        Await.until(clientId + " is offline", () -> !broker.connectedClients().contains(clientId));
    }
}
