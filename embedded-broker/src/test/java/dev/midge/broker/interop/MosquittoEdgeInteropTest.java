package dev.midge.broker.interop;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's Mosquitto as an edge broker bridged into Midge with its default settings: its CONNECT leaves a will on
 * {@code $SYS/broker/connection/NAME/state} and, in 3.1.1, carries the bridge bit; Midge accepts it, messages cross
 * both ways, and none loops.
 */
@Tag("interop")
class MosquittoEdgeInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private final Broker midge = Broker.builder().port(0).start();
    private final EventRecorder events = EventRecorder.on(midge);
    private MosquittoBroker mosquitto;
    private PahoClients edgeClients;
    private final PahoClients cloudClients = new PahoClients(midge.uri());

    @AfterEach
    void tearDown() {
        cloudClients.close();
        if (edgeClients != null) {
            edgeClients.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        events.close();
        midge.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv50"})
    void aMosquittoEdgeBridgesIntoMidgeBothWaysWithoutLoops(String version) throws Exception {
        mosquitto = MosquittoBroker.start(MosquittoBroker.directory(tempDir), "allow_anonymous true",
                "connection midge", "address 127.0.0.1:" + midge.port(), "remote_clientid mosquitto-edge",
                "bridge_protocol_version " + version, "restart_timeout 1", "topic chat/# both 1");
        edgeClients = new PahoClients(URI.create(mosquitto.uri()));
        BrokerEvent.ClientConnected bridge = events.await(BrokerEvent.ClientConnected.class,
                c -> c.clientId().equals("mosquitto-edge"));
        await().atMost(TIMEOUT).until(() -> midge.subscriptions().stream()
                .anyMatch(s -> s.clientId().equals("mosquitto-edge") && s.filter().equals("chat/#")));
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
        assertThat(bridge.protocolVersion()).isEqualTo(version.equals("mqttv50") ? 5 : 4);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
