package dev.midge.samples.docs;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.BrokerStatistics;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DeliveryFault;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.connect.ConnectCheck;
import dev.midge.samples.connect.ConnectResult;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.serial.SerialToMqttBridge;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The code shown in docs/broker.md, run: each test holds one snippet of the guide.
 */
class BrokerGuideExamplesTest {

    @Test
    void servesTlsWithACertificateClientsCanTrust() throws Exception {
        try (Broker broker = Broker.builder().port(0).tlsPort(0).start()) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(broker.certificate().socketFactory());
            MqttClient client = new MqttClient(broker.tlsUri().toString(), "pi", new MemoryPersistence());
            client.connect(options);
            Path caFile = broker.certificate().writePem(Files.createTempFile("broker", ".pem"));

            assertThat(client.isConnected()).isTrue();
            assertThat(caFile).content().startsWith("-----BEGIN CERTIFICATE-----");
            client.disconnect();
            client.close();
            Files.delete(caFile);
        }
    }

    @Test
    void asksDevicesForTheirOwnCertificates() throws Exception {
        Path devices = Files.createTempFile("devices", ".pem");
        try (Broker issuer = Broker.builder().port(0).tlsPort(0).start()) {
            issuer.certificate().writePem(devices);
        }
        try (Broker broker = Broker.builder().port(0).tlsPort(0).tlsClientCertificates(devices)
                .authenticator(request -> request.certificate() != null
                        && request.certificate().getSubjectX500Principal().getName().equals("CN=pi-42")
                        ? ConnectCode.ACCEPTED : ConnectCode.NOT_AUTHORIZED)
                .start()) {
            MqttConnectOptions withoutCertificate = new MqttConnectOptions();
            withoutCertificate.setSocketFactory(broker.certificate().socketFactory());
            withoutCertificate.setConnectionTimeout(5);
            MqttClient client = new MqttClient(broker.tlsUri().toString(), "no-certificate", new MemoryPersistence());

            assertThatThrownBy(() -> client.connect(withoutCertificate)).isInstanceOf(MqttException.class);
            assertThat(broker.connectedClients()).isEmpty();
            client.close();
        } finally {
            Files.delete(devices);
        }
    }

    @Test
    void startsOnAFreePortAndStops() {
        try (Broker broker = Broker.builder().port(0).websocketPort(0).start()) {
            System.out.println("MQTT on " + broker.uri() + ", WebSocket on " + broker.websocketUri());
        }
    }

    @Test
    void letsInOnlyKnownUsersAndKeepsThemToTheirTopics() throws Exception {
        Authorizer ownTopicsOnly = new Authorizer() {
            @Override
            public boolean canPublish(String clientId, String username, String topic) {
                return topic.startsWith("raspberry/");
            }

            @Override
            public boolean canSubscribe(String clientId, String username, String filter) {
                return true;
            }
        };
        try (Broker broker = Broker.builder()
                .port(0)
                .authenticator(Authenticator.users(Map.of("pi", "raspberry", "dashboard", "s3cret")))
                .authorizer(ownTopicsOnly)
                .maxConnections(50)
                .start()) {
            assertThat(broker.port()).isPositive();
        }
        try (Broker broker = Broker.builder().port(0)
                .authenticator(Authenticator.users(Map.of("pi", "raspberry"))).authorizer(ownTopicsOnly).start()) {
            MqttSettings pi = MqttSettings.of(broker.uri().toString(), "pi");
            assertThat(new ConnectCheck(pi.withCredentials("pi", "wrong")).run())
                    .isEqualTo(ConnectResult.BAD_USER_NAME_OR_PASSWORD);
            assertThat(new ConnectCheck(pi.withCredentials("pi", "raspberry")).run())
                    .isEqualTo(ConnectResult.CONNECTED);
        }
    }

    @Test
    void computesItsOwnVerdictForEachConnect() {
        Authenticator sensorsOnly = request -> {
            if (!request.clientId().startsWith("sensor-")) {
                return ConnectCode.IDENTIFIER_REJECTED;
            }
            return "guest".equals(request.username()) ? ConnectCode.NOT_AUTHORIZED : ConnectCode.ACCEPTED;
        };
        try (Broker broker = Broker.builder().port(0).authenticator(sensorsOnly).start()) {
            String url = broker.uri().toString();
            assertThat(new ConnectCheck(MqttSettings.of(url, "pi")).run())
                    .isEqualTo(ConnectResult.IDENTIFIER_REJECTED);
            assertThat(new ConnectCheck(MqttSettings.of(url, "sensor-1").withCredentials("guest", "")).run())
                    .isEqualTo(ConnectResult.NOT_AUTHORIZED);
            assertThat(new ConnectCheck(MqttSettings.of(url, "sensor-1")).run()).isEqualTo(ConnectResult.CONNECTED);
        }
    }

    @Test
    void tellsWhatHappensAndWhatItHolds() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        try (Broker broker = Broker.builder().port(0).start()) {
            broker.events().subscribe(event -> {
                if (event instanceof BrokerEvent.MessagePublished published) {
                    printed.add(published.message().topic() + " " + published.message().payloadAsString());
                } else if (event instanceof BrokerEvent.WillPublished will) {
                    printed.add("will of " + will.clientId() + ": " + will.message().payloadAsString());
                }
            });
            broker.publish(Message.of("raspberry/status", "{\"status\": \"On\"}").withQos(QoS.AT_LEAST_ONCE)
                    .withRetain(true));
            List<String> clients = broker.connectedClients();
            List<Message> retained = broker.retainedMessages();
            BrokerStatistics statistics = broker.statistics();
            new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi")).run();

            assertThat(clients).isEmpty();
            assertThat(retained).extracting(Message::payloadAsString).containsExactly("{\"status\": \"On\"}");
            assertThat(statistics.retainedMessages()).isEqualTo(1);
            assertThat(statistics.messagesReceived()).isEqualTo(1);
            await().until(() -> printed.size() == 6);
            assertThat(printed).containsExactly("raspberry/status {\"status\": \"On\"}", "raspberry/topic 0",
                    "raspberry/topic 1", "raspberry/topic 2", "raspberry/topic 3", "raspberry/topic 4");
        }
    }

    @Test
    void breaksOnDemand() {
        try (Broker broker = Broker.builder().port(0).start()) {
            broker.dropConnection("pi");
            broker.refuseNextConnects(ConnectCode.SERVER_UNAVAILABLE, 2);
            broker.injectDeliveryFault(DeliveryFault.dropOn("raspberry/#"), Duration.ofSeconds(5));
            broker.suspend();
            broker.resume();
            broker.clearFaults();
            assertThat(new ConnectCheck(MqttSettings.of(broker.uri().toString(), "pi")).run())
                    .isEqualTo(ConnectResult.CONNECTED);
        }
    }

    @Test
    void hostsThePisOwnSensorBridge(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port) throws Exception {
        List<String> readings = new CopyOnWriteArrayList<>();
        try (Broker broker = Broker.builder().port(0).start()) {
            broker.events().subscribe(event -> {
                if (event instanceof BrokerEvent.MessagePublished published) {
                    readings.add(published.message().payloadAsString());
                }
            });
            Hub hub = new Hub(broker, port.path().toString());
            try {
                port.device().sendLine("temperature=21.5");

                await().until(() -> readings.contains("temperature=21.5"));
                assertThat(broker.connectedClients()).containsExactly("pi-sensor");
            } finally {
                hub.close();
            }
        }
    }

    /** The hub of docs/broker.md, with the broker and the port given instead of fixed. */
    private static final class Hub implements AutoCloseable {
        private final SerialToMqttBridge bridge;

        Hub(Broker broker, String serialPort) throws Exception {
            bridge = new SerialToMqttBridge(MqttSettings.of("tcp://127.0.0.1:" + broker.port(), "pi-sensor"),
                    serialPort);
            bridge.start();
        }

        @Override
        public void close() {
            bridge.close();
        }
    }
}
