package dev.midge.junit;

import dev.midge.junit.internal.ExternalBrokerHandle;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import javax.net.ssl.SSLSocketFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Ready Eclipse Paho clients (MQTT 3.1.1 and 5.0) for the test's broker, closed after the test. Clients keep their
 * state in memory, never on disk.
 *
 * <pre>{@code
 * @Test
 * void subscriberSeesThePublisher(MqttClients clients) throws Exception {
 *     MqttClient subscriber = clients.v3("subscriber");
 *     subscriber.subscribe("raspberry/topic", 1);
 * }
 * }</pre>
 */
public final class MqttClients implements AutoCloseable {

    private static final int CONNECTION_TIMEOUT_SECONDS = 10;

    private final BrokerHandle broker;
    private final List<MqttClient> v3Clients = new ArrayList<>();
    private final List<org.eclipse.paho.mqttv5.client.MqttClient> v5Clients = new ArrayList<>();

    /**
     * @param broker the broker the clients connect to
     */
    public MqttClients(BrokerHandle broker) {
        this.broker = broker;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected with a clean session
     * @throws MqttException when Paho cannot create or connect the client
     */
    public MqttClient v3(String clientId) throws MqttException {
        return v3(clientId, new MqttConnectOptions());
    }

    /**
     * @param clientId the client identifier
     * @param options  connect options (a will, credentials, clean session off…). Left at Paho's defaults, the
     *                 connection timeout becomes 10 s and the protocol version 3.1.1: Paho's default would retry a
     *                 refused CONNECT as MQTT 3.1 and hide the refusal
     * @return an MQTT 3.x client connected with those options
     * @throws MqttException when Paho cannot create or connect the client
     */
    public MqttClient v3(String clientId, MqttConnectOptions options) throws MqttException {
        MqttClient client = v3Unconnected(clientId);
        client.connect(withTestDefaults(options));
        return client;
    }

    private MqttConnectOptions withTestDefaults(MqttConnectOptions options) {
        SSLSocketFactory trust = externalTlsTrust();
        if (trust != null && options.getSocketFactory() == null) {
            options.setSocketFactory(trust);
        }
        if (options.getConnectionTimeout() == MqttConnectOptions.CONNECTION_TIMEOUT_DEFAULT) {
            options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        }
        if (options.getMqttVersion() == MqttConnectOptions.MQTT_VERSION_DEFAULT) {
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        }
        return options;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.x client for the broker's TCP address, not connected yet
     * @throws MqttException when Paho cannot create or connect the client
     */
    public synchronized MqttClient v3Unconnected(String clientId) throws MqttException {
        return track(new MqttClient(broker.uri().toString(), clientId, new MemoryPersistence()));
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected over WebSocket ({@code @MqttBroker(websocket = true)})
     * @throws MqttException when Paho cannot create or connect the client
     */
    public MqttClient v3OverWebSocket(String clientId) throws MqttException {
        MqttClient client;
        synchronized (this) {
            client = track(new MqttClient(broker.websocketUri().toString(), clientId, new MemoryPersistence()));
        }
        client.connect(withTestDefaults(new MqttConnectOptions()));
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected over TLS, trusting the broker's certificate
     *         ({@code @MqttBroker(tls = true)})
     * @throws MqttException when Paho cannot create or connect the client
     */
    public MqttClient v3OverTls(String clientId) throws MqttException {
        MqttClient client;
        synchronized (this) {
            client = track(new MqttClient(broker.tlsUri().toString(), clientId, new MemoryPersistence()));
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(broker.certificate().socketFactory());
        client.connect(withTestDefaults(options));
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client connected over TLS with clean start, trusting the broker's certificate
     *         ({@code @MqttBroker(tls = true)})
     * @throws org.eclipse.paho.mqttv5.common.MqttException when Paho cannot create or connect the client
     */
    public org.eclipse.paho.mqttv5.client.MqttClient v5OverTls(String clientId)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                broker.tlsUri().toString(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        synchronized (this) {
            v5Clients.add(client);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        options.setSocketFactory(broker.certificate().socketFactory());
        client.connect(options);
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client connected with clean start
     * @throws org.eclipse.paho.mqttv5.common.MqttException when Paho cannot create or connect the client
     */
    public org.eclipse.paho.mqttv5.client.MqttClient v5(String clientId)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        return v5(clientId, options);
    }

    /**
     * @param clientId the client identifier
     * @param options  connection options
     * @return an MQTT 5.0 client connected with those options
     * @throws org.eclipse.paho.mqttv5.common.MqttException when Paho cannot create or connect the client
     */
    public org.eclipse.paho.mqttv5.client.MqttClient v5(String clientId, MqttConnectionOptions options)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client = v5Unconnected(clientId);
        SSLSocketFactory trust = externalTlsTrust();
        if (trust != null && options.getSocketFactory() == null) {
            options.setSocketFactory(trust);
        }
        client.connect(options);
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client for the broker's TCP address, not connected yet
     * @throws org.eclipse.paho.mqttv5.common.MqttException when Paho cannot create or connect the client
     */
    public synchronized org.eclipse.paho.mqttv5.client.MqttClient v5Unconnected(String clientId)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                broker.uri().toString(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        v5Clients.add(client);
        return client;
    }

    /** @return the trust in an external broker's TLS certificates that the run configured, or null */
    private SSLSocketFactory externalTlsTrust() {
        return broker instanceof ExternalBrokerHandle external ? external.tlsTrust() : null;
    }

    private MqttClient track(MqttClient client) {
        v3Clients.add(client);
        return client;
    }

    /**
     * Disconnects (cleanly, so no will fires) and closes every client this factory made.
     */
    @Override
    public synchronized void close() {
        for (MqttClient client : v3Clients) {
            ClientClosing.close(client);
        }
        for (org.eclipse.paho.mqttv5.client.MqttClient client : v5Clients) {
            ClientClosing.close(client);
        }
        v3Clients.clear();
        v5Clients.clear();
    }
}
