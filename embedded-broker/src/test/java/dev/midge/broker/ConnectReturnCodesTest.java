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
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every MQTT 3.1.1 CONNACK return code, produced where the specification calls for it.
 */
class ConnectReturnCodesTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private Broker broker;
    private PahoClients clients;

    private void start(BrokerBuilder builder) {
        broker = builder.port(0).start();
        clients = new PahoClients(broker.uri());
    }

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aWellFormedConnectIsAcceptedWithReturnCode0() {
        start(Broker.builder());
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(ConnectPacket.mqtt311("c1").build());
            Packet connack = client.expect(Packet.CONNACK);
            assertThat(connack.body()).containsExactly(0, 0);
        }
    }

    @Test
    void pahoConnectsWithMqtt311AndMqtt31() throws MqttException {
        start(Broker.builder());
        MqttConnectOptions v31 = PahoClients.options();
        v31.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        MqttClient old = clients.connect("v31", new MessageCollector(), v31);
        MqttClient current = clients.connect("v311", new MessageCollector());
        assertThat(old.isConnected()).isTrue();
        assertThat(current.isConnected()).isTrue();
        assertThat(broker.connectedClients()).containsExactlyInAnyOrder("v31", "v311");
    }

    @Test
    void anUnknownProtocolLevelGetsReturnCode1AndTheConnectionIsClosed() {
        start(Broker.builder());
        assertRefusedRaw(ConnectPacket.mqtt311("c1").protocol("MQTT", 9), 1);
    }

    @Test
    void aProtocolNameThatDoesNotMatchTheLevelGetsReturnCode1() {
        start(Broker.builder());
        assertRefusedRaw(ConnectPacket.mqtt311("c1").protocol("MQIsdp", 4), 1);
        assertRefusedRaw(ConnectPacket.mqtt311("c2").protocol("MQTT", 3), 1);
    }

    @Test
    void anEmptyClientIdWithoutCleanSessionGetsReturnCode2() {
        start(Broker.builder());
        assertRefusedRaw(ConnectPacket.mqtt311("").cleanSession(false), 2);
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void anEmptyClientIdWithCleanSessionIsAcceptedUnderAnAssignedId() {
        start(Broker.builder());
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311(""))) {
            client.ping();
            List<String> connected = broker.connectedClients();
            assertThat(connected).hasSize(1);
            assertThat(connected.get(0)).isNotEmpty();
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> true).clientId())
                    .isEqualTo(connected.get(0));
        }
    }

    @Test
    void anMqtt31ClientIdLongerThan23CharactersGetsReturnCode2() {
        start(Broker.builder());
        MqttConnectOptions v31 = PahoClients.options();
        v31.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> clients.connect("a".repeat(24), new MessageCollector(), v31));
        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID);

        assertRefusedRaw(ConnectPacket.mqtt311("b".repeat(24)).protocol("MQIsdp", 3), 2);
    }

    @Test
    void anMqtt31ClientIdOf23CharactersAndAnyLongMqtt311IdAreAccepted() throws MqttException {
        start(Broker.builder());
        MqttConnectOptions v31 = PahoClients.options();
        v31.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        clients.connect("a".repeat(23), new MessageCollector(), v31);
        clients.connect("b".repeat(200), new MessageCollector());
        assertThat(broker.connectedClients()).containsExactlyInAnyOrder("a".repeat(23), "b".repeat(200));
    }

    @Test
    void aConnectBeyondMaxConnectionsGetsReturnCode3() throws MqttException {
        start(Broker.builder().maxConnections(1));
        clients.connect("first", new MessageCollector());
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> clients.connect("second", new MessageCollector()));
        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE);
        assertRefusedRaw(ConnectPacket.mqtt311("third"), 3);
        assertThat(broker.connectedClients()).containsExactly("first");
    }

    @Test
    void aConnectionThatEndsFreesItsPlaceUnderMaxConnections() {
        start(Broker.builder().maxConnections(1));
        try (RawMqttClient leaving = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("leaving"))) {
            leaving.send(MqttPackets.disconnect());
            leaving.awaitClosed(CLOSE_TIMEOUT);
        }
        awaitNobodyConnected();
        RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("dropped")).close();
        awaitNobodyConnected();
        assertRefusedRaw(ConnectPacket.mqtt311("").cleanSession(false), 2);
        try (RawMqttClient first = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("same"));
             RawMqttClient successor = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("same"))) {
            assertThat(first.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            assertRefusedRaw(ConnectPacket.mqtt311("extra"), 3);
            successor.ping();
        }
        awaitNobodyConnected();
        try (RawMqttClient last = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("last"))) {
            last.ping();
            assertThat(broker.connectedClients()).containsExactly("last");
        }
    }

    @Test
    void aClientTakingOverItsOwnIdDoesNotCountAgainstMaxConnections() throws MqttException {
        start(Broker.builder().maxConnections(1));
        clients.connect("same", new MessageCollector());
        MqttClient again = clients.connect("same", new MessageCollector());
        assertThat(again.isConnected()).isTrue();
    }

    @Test
    void refuseNextConnectsAnswersTheGivenCodeThatManyTimes() throws MqttException {
        start(Broker.builder());
        broker.refuseNextConnects(ConnectCode.SERVER_UNAVAILABLE, 1);
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> clients.connect("c1", new MessageCollector()));
        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE);
        assertThat(clients.connect("c1", new MessageCollector()).isConnected()).isTrue();
    }

    @Test
    void wrongOrMissingCredentialsGetReturnCode4() throws MqttException {
        start(Broker.builder().authenticator(Authenticator.users(Map.of("alice", "secret"))));
        MqttConnectOptions wrong = PahoClients.options();
        wrong.setUserName("alice");
        wrong.setPassword("guess".toCharArray());
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> clients.connect("c1", new MessageCollector(), wrong));
        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);

        assertRefusedRaw(ConnectPacket.mqtt311("anonymous"), 4);
        assertRefusedRaw(ConnectPacket.mqtt311("stranger").credentials("mallory", "secret"), 4);

        MqttConnectOptions right = PahoClients.options();
        right.setUserName("alice");
        right.setPassword("secret".toCharArray());
        assertThat(clients.connect("c1", new MessageCollector(), right).isConnected()).isTrue();
    }

    @Test
    void aClientTheAuthenticatorDoesNotAuthoriseGetsReturnCode5() throws MqttException {
        start(Broker.builder().authenticator(request -> request.clientId().startsWith("sensor-")
                ? ConnectCode.ACCEPTED : ConnectCode.NOT_AUTHORIZED));
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> clients.connect("intruder", new MessageCollector()));
        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertThat(clients.connect("sensor-1", new MessageCollector()).isConnected()).isTrue();
    }

    @Test
    void theAuthenticatorSeesWhatTheClientPresented() {
        AtomicReference<ConnectRequest> seen = new AtomicReference<>();
        start(Broker.builder().authenticator(request -> {
            seen.set(request);
            return ConnectCode.ACCEPTED;
        }));
        try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("c1").credentials("bob", "pa55"))) {
            client.ping();
            assertThat(seen.get().clientId()).isEqualTo("c1");
            assertThat(seen.get().username()).isEqualTo("bob");
            assertThat(seen.get().passwordAsString()).isEqualTo("pa55");
            assertThat(seen.get().protocolVersion()).isEqualTo(4);
            assertThat(seen.get().remoteAddress()).contains("127.0.0.1");
        }
    }

    @Test
    void everyRefusalIsReportedAsAnEvent() {
        start(Broker.builder());
        try (EventRecorder events = EventRecorder.on(broker)) {
            assertRefusedRaw(ConnectPacket.mqtt311("").cleanSession(false), 2);
            assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> true).code())
                    .isEqualTo(ConnectCode.IDENTIFIER_REJECTED);
        }
    }

    private void awaitNobodyConnected() {
        Await.until("no client is connected", () -> broker.connectedClients().isEmpty());
    }

    private void assertRefusedRaw(ConnectPacket connect, int expectedCode) {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(connect.build());
            Packet connack = client.expect(Packet.CONNACK);
            assertThat(connack.connackCode()).as("CONNACK return code").isEqualTo(expectedCode);
            assertThat(connack.sessionPresent()).as("session present in a refusal").isFalse();
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).as("packets after a refusing CONNACK").isEmpty();
        }
    }
}
