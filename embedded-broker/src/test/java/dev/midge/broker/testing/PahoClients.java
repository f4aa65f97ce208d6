package dev.midge.broker.testing;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates Eclipse Paho v3 clients for one broker address and closes all of them at the end of a test, connected or
 * not.
 */
public final class PahoClients implements AutoCloseable {

    private static final long CALL_TIMEOUT_MILLIS = 10_000;

    private final String serverUri;
    private final List<MqttClient> clients = new ArrayList<>();

    /**
     * @param serverUri {@code tcp://…} or {@code ws://…}
     */
    public PahoClients(URI serverUri) {
        this.serverUri = serverUri.toString();
    }

    /**
     * @return options for MQTT 3.1.1 with a clean session and short timeouts; tests adjust them as needed
     */
    public static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(1000);
        return options;
    }

    /**
     * @param clientId the client identifier
     * @return a client that is not connected yet
     */
    public MqttClient create(String clientId) {
        try {
            MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
            client.setTimeToWait(CALL_TIMEOUT_MILLIS);
            clients.add(client);
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a client connected with {@link #options()}
     */
    public MqttClient connect(String clientId, MessageCollector collector) throws MqttException {
        return connect(clientId, collector, options());
    }

    /**
     * @return a client connected with the given options, its messages going to the collector
     */
    public MqttClient connect(String clientId, MessageCollector collector, MqttConnectOptions options)
            throws MqttException {
        MqttClient client = create(clientId);
        client.setCallback(collector);
        client.connect(options);
        return client;
    }

    /**
     * Disconnects (without waiting for in-flight work) and closes every client created here.
     */
    @Override
    public void close() {
        for (MqttClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnect(0);
                }
            } catch (MqttException e) {
                // The broker may already have closed the connection; the client is closed below either way.
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                throw new IllegalStateException("Cannot close Paho client " + client.getClientId(), e);
            }
        }
        clients.clear();
    }
}
