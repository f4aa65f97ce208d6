package dev.midge.broker.testing;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates Eclipse Paho MQTT 5 clients for one broker address and closes all of them at the end of a test.
 */
public final class PahoV5Clients implements AutoCloseable {

    private static final long CALL_TIMEOUT_MILLIS = 10_000;

    private final String serverUri;
    private final List<MqttClient> clients = new ArrayList<>();

    /**
     * @param serverUri {@code tcp://…} or {@code ws://…}
     */
    public PahoV5Clients(URI serverUri) {
        this.serverUri = serverUri.toString();
    }

    /**
     * @return options for a clean start with no session expiry and short timeouts; tests adjust them as needed
     */
    public static MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(60);
        return options;
    }

    /**
     * @return a client that is not connected yet, its messages and disconnection going to the collector
     */
    public MqttClient create(String clientId, V5MessageCollector collector) {
        try {
            MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
            client.setTimeToWait(CALL_TIMEOUT_MILLIS);
            client.setCallback(collector);
            clients.add(client);
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a client connected with {@link #options()}
     */
    public MqttClient connect(String clientId, V5MessageCollector collector) throws MqttException {
        return connect(clientId, collector, options());
    }

    /**
     * @return a client connected with the given options
     */
    public MqttClient connect(String clientId, V5MessageCollector collector, MqttConnectionOptions options)
            throws MqttException {
        MqttClient client = create(clientId, collector);
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
