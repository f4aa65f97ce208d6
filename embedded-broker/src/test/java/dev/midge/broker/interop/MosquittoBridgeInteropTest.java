package dev.midge.broker.interop;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeBuilder;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.tls.TlsIdentity;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's Mosquitto broker as the upstream of a Midge bridge: messages cross both ways at every QoS in MQTT 3.1.1
 * (with Mosquitto's bridge bit) and 5.0, keep their retain flag, never loop, are kept while Mosquitto is down and sent
 * in order when it is back; refused credentials are reported and retried; TLS with a CA file.
 */
@Tag("interop")
class MosquittoBridgeInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String STATE = "$SYS/broker/connection/cloud/state";

    @TempDir
    Path tempDir;
    private Path dir;

    private MosquittoBroker mosquitto;
    private Broker edge;
    private PahoClients edgeClients;
    private PahoClients cloudClients;

    @BeforeEach
    void prepareMosquittosDirectory() throws Exception {
        dir = MosquittoBroker.directory(tempDir);
    }

    @AfterEach
    void tearDown() {
        if (edgeClients != null) {
            edgeClients.close();
        }
        if (cloudClients != null) {
            cloudClients.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void messagesCrossToAndFromMosquittoAtTheQosTheyWerePublishedWith(Bridge.Protocol protocol) throws Exception {
        start(b -> b.protocol(protocol)
                .topic("pi/#", Bridge.Direction.OUT, QoS.EXACTLY_ONCE)
                .topic("cmd/#", Bridge.Direction.IN, QoS.EXACTLY_ONCE));
        MessageCollector cloud = new MessageCollector();
        MqttClient cloudApp = cloudClients.connect("cloud-app", cloud);
        cloudApp.subscribe("pi/#", 2);
        MessageCollector device = new MessageCollector();
        MqttClient pi = edgeClients.connect("pi", device);
        pi.subscribe("cmd/#", 2);

        for (int qos = 0; qos <= 2; qos++) {
            pi.publish("pi/reading/" + qos, bytes("up " + qos), qos, false);
            cloudApp.publish("cmd/" + qos, bytes("down " + qos), qos, false);
        }

        for (int qos = 0; qos <= 2; qos++) {
            assertThat(cloud.next("pi/reading/" + qos, "up " + qos).qos()).isEqualTo(qos);
            assertThat(device.next("cmd/" + qos, "down " + qos).qos()).isEqualTo(qos);
        }
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void retainedMessagesAreRetainedOnTheOtherSide(Bridge.Protocol protocol) throws Exception {
        start(b -> b.protocol(protocol)
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE)
                .topic("cmd/#", Bridge.Direction.IN, QoS.AT_LEAST_ONCE));

        edgeClients.connect("pi", new MessageCollector()).publish("pi/status", bytes("online"), 1, true);
        cloudClients.connect("cloud-app", new MessageCollector()).publish("cmd/mode", bytes("eco"), 1, true);

        MessageCollector late = new MessageCollector();
        cloudClients.connect("late", late).subscribe("pi/status", 1);
        assertThat(late.next("pi/status", "online").retained()).isTrue();
        await().atMost(TIMEOUT).until(() -> edge.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals("cmd/mode") && m.payloadAsString().equals("eco")));
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void aTopicBridgedBothWaysDoesNotLoopThroughMosquitto(Bridge.Protocol protocol) throws Exception {
        start(b -> b.protocol(protocol).topic("chat/#", Bridge.Direction.BOTH, QoS.AT_LEAST_ONCE));
        MessageCollector cloud = new MessageCollector();
        MqttClient cloudApp = cloudClients.connect("cloud-app", cloud);
        cloudApp.subscribe("chat/#", 1);
        MessageCollector device = new MessageCollector();
        MqttClient pi = edgeClients.connect("pi", device);
        pi.subscribe("chat/#", 1);

        pi.publish("chat/from-edge", bytes("1"), 1, false);
        device.next("chat/from-edge", "1");
        cloud.next("chat/from-edge", "1");
        cloudApp.publish("chat/from-cloud", bytes("2"), 1, false);
        cloud.next("chat/from-cloud", "2");
        // An echo of the first message would have reached the edge ahead of this one, on the same connection.
        device.next("chat/from-cloud", "2");
        pi.publish("chat/from-edge", bytes("3"), 1, false);
        device.next("chat/from-edge", "3");
        cloud.next("chat/from-edge", "3");

        assertThat(device.pending()).isZero();
        assertThat(cloud.pending()).isZero();
    }

    @Test
    void messagesPublishedWhileMosquittoIsDownAreSentInOrderWhenItIsBack() throws Exception {
        start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        cloudClients.connect("cloud-app", new MessageCollector(), persistent).subscribe("pi/#", 1);
        cloudClients.close();
        EventRecorder events = EventRecorder.on(edge);

        mosquitto.stop();
        events.await(BrokerEvent.BridgeDisconnected.class, e -> true);
        MqttClient pi = edgeClients.connect("pi", new MessageCollector());
        for (int i = 0; i < 10; i++) {
            pi.publish("pi/reading", bytes(Integer.toString(i)), 1, false);
        }
        mosquitto.restart();

        events.await(BrokerEvent.BridgeConnected.class, e -> true);
        cloudClients = new PahoClients(URI.create(mosquitto.uri()));
        MessageCollector cloud = new MessageCollector();
        cloudClients.connect("cloud-app", cloud, persistent);
        for (int i = 0; i < 10; i++) {
            cloud.next("pi/reading", Integer.toString(i));
        }
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void mosquittoHoldsTheBridgesStateAndItsWillMarksItDownWhenTheEdgeIsLost(Bridge.Protocol protocol)
            throws Exception {
        start(b -> b.protocol(protocol).topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));
        MessageCollector dashboard = new MessageCollector();
        cloudClients.connect("dashboard", dashboard).subscribe("$SYS/broker/connection/edge-bridge/state", 1);
        assertThat(dashboard.next("$SYS/broker/connection/edge-bridge/state", "1").retained()).isTrue();

        edge.crash();

        dashboard.next("$SYS/broker/connection/edge-bridge/state", "0");
    }

    @Test
    void credentialsMosquittoRefusesAreReportedAndTriedAgain() throws Exception {
        Path passwords = dir.resolve("passwords");
        Files.writeString(passwords, "");
        try (ExternalTool passwd = ExternalTool.start("mosquitto", "mosquitto_passwd", "-b", passwords.toString(),
                "pi", "right")) {
            passwd.awaitSuccess(TIMEOUT);
        }
        mosquitto = MosquittoBroker.start(dir, "allow_anonymous false", "password_file " + passwords);
        startEdge(bridgeTo(mosquitto.port()).remoteCredentials("pi", "wrong")
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build());
        EventRecorder events = EventRecorder.on(edge);

        BrokerEvent.BridgeDisconnected refused = events.await(BrokerEvent.BridgeDisconnected.class,
                e -> events.all(BrokerEvent.BridgeDisconnected.class).size() >= 2);

        assertThat(refused.reason()).isEqualTo("the upstream refused the connection: not authorized (5)");
        assertThat(edge.retainedMessages()).filteredOn(m -> m.topic().equals(STATE))
                .extracting(m -> m.payloadAsString()).containsExactly("0");
    }

    @Test
    void aBridgeReachesMosquittoOverTlsTrustingTheCertificateInItsCaFile() throws Exception {
        TlsIdentity identity = TlsIdentity.selfSigned();
        Path certificate = Files.writeString(dir.resolve("cert.pem"), identity.certificateChainPem());
        Path key = Files.writeString(dir.resolve("key.pem"), identity.privateKeyPem());
        mosquitto = MosquittoBroker.start(dir, "allow_anonymous true", "certfile " + certificate,
                "keyfile " + key);
        startEdge(bridgeTo(mosquitto.port()).trustedCertificates(certificate)
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build());
        awaitState("1");
        cloudClients = new PahoClients(URI.create("ssl://localhost:" + mosquitto.port()));
        MqttConnectOptions tls = PahoClients.options();
        tls.setSocketFactory(TlsContexts.trusting(certificate).getSocketFactory());
        MessageCollector cloud = new MessageCollector();
        cloudClients.connect("cloud-app", cloud, tls).subscribe("pi/#", 1);

        edgeClients.connect("pi", new MessageCollector()).publish("pi/reading", bytes("21"), 1, false);

        cloud.next("pi/reading", "21");
    }

    private void start(UnaryOperator<BridgeBuilder> configure) throws Exception {
        mosquitto = MosquittoBroker.start(dir, "allow_anonymous true");
        cloudClients = new PahoClients(URI.create(mosquitto.uri()));
        startEdge(configure.apply(bridgeTo(mosquitto.port())).build());
        awaitState("1");
    }

    private static BridgeBuilder bridgeTo(int port) {
        return Bridge.builder("cloud", "127.0.0.1:" + port).remoteClientId("edge-bridge")
                .restartTimeout(Duration.ofMillis(100));
    }

    private void startEdge(Bridge bridge) {
        edge = Broker.builder().port(0).bridge(bridge).start();
        edgeClients = new PahoClients(edge.uri());
    }

    private void awaitState(String state) {
        await().atMost(TIMEOUT).until(() -> edge.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals(STATE) && m.payloadAsString().equals(state)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
