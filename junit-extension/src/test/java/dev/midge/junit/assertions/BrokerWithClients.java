package dev.midge.junit.assertions;

import dev.midge.broker.Broker;
import dev.midge.junit.Reset;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded broker on a free port and the Paho v3 clients connected to it, all closed by {@link #close()}. Test
 * classes whose clients stay connected keep one for all their tests, because Paho 1.2.5 takes about 300 ms to
 * connect: {@link #client(String)} reuses a client once connected, and {@link #forgetTraffic()} gives each test a
 * blank recording. Classes that connect and disconnect clients take a fresh one per test, so that no late event
 * of an earlier test shows up.
 */
final class BrokerWithClients implements AutoCloseable {

    /** The timeout of assertions that are meant to fail, short so that the failing paths stay fast. */
    static final Duration SHORT = Duration.ofMillis(200);

    final EmbeddedBrokerHandle broker = new EmbeddedBrokerHandle(Broker.builder().port(0).start());
    private final Map<String, MqttClient> shared = new HashMap<>();
    private final List<MqttClient> all = new ArrayList<>();

    /**
     * @return a connected client with this identifier, the same one on every call while it stays connected
     */
    MqttClient client(String clientId) throws MqttException {
        MqttClient client = shared.get(clientId);
        if (client == null || !client.isConnected()) {
            client = connect(clientId, new MqttConnectOptions());
            shared.put(clientId, client);
        }
        return client;
    }

    /**
     * @return a newly connected client with a will
     */
    MqttClient connectWithWill(String clientId, String topic, String payload, int qos, boolean retained)
            throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setWill(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
        return connect(clientId, options);
    }

    /**
     * @return a newly connected client
     */
    MqttClient connect(String clientId, MqttConnectOptions options) throws MqttException {
        MqttClient client = new MqttClient(broker.uri().toString(), clientId, new MemoryPersistence());
        all.add(client);
        options.setConnectionTimeout(10);
        if (options.getMqttVersion() == MqttConnectOptions.MQTT_VERSION_DEFAULT) {
            // Paho's default retries a refused CONNECT as MQTT 3.1, which would hide a refusal from the test.
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        }
        client.connect(options);
        return client;
    }

    /**
     * Clears the recording and the retained messages; connected clients stay connected.
     */
    void forgetTraffic() {
        broker.reset(EnumSet.of(Reset.RECORDING, Reset.RETAINED_MESSAGES));
    }

    /**
     * Publishes with QoS 1, which returns once the broker acknowledged, hence recorded, the message.
     */
    static void publish(MqttClient client, String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        for (MqttClient client : all) {
            if (client.isConnected()) {
                client.disconnect(0);
            }
            client.close();
        }
        broker.close();
    }
}
