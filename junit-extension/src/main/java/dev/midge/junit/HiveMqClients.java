package dev.midge.junit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import dev.midge.junit.internal.CertificateTrust;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready HiveMQ MQTT clients (MQTT 3.1.1 and 5.0) for the test's broker, over TCP, WebSocket or TLS, closed after the
 * test. Inject it like {@link MqttClients}; it needs {@code com.hivemq:hivemq-mqtt-client} on the test class path
 * (and {@code io.netty:netty-codec-http} for WebSocket), which {@code midge-junit} does not bring.
 *
 * <pre>{@code
 * @Test
 * void readingsArrive(HiveMqClients clients, BrokerHandle broker) {
 *     Mqtt5BlockingClient pi = clients.v5("pi");
 *     pi.publishWith().topic("raspberry/topic").payload("21.5".getBytes()).send();
 * }
 * }</pre>
 *
 * <p>The connected clients are blocking ones; {@code toAsync()} and {@code toRx()} give the same client in the
 * other styles.
 */
public final class HiveMqClients implements AutoCloseable {

    private static final long DISCONNECT_TIMEOUT_MILLIS = 2000;

    private final BrokerHandle broker;
    private final List<MqttClient> clients = new ArrayList<>();

    /**
     * @param broker the broker the clients connect to
     */
    public HiveMqClients(BrokerHandle broker) {
        this.broker = broker;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client connected with clean start
     */
    public Mqtt5BlockingClient v5(String clientId) {
        return v5(clientId, Mqtt5Connect.builder().build());
    }

    /**
     * @param clientId the client identifier
     * @param connect  the CONNECT to send: a will, credentials, session expiry, clean start off…
     * @return an MQTT 5.0 client connected with it
     */
    public Mqtt5BlockingClient v5(String clientId, Mqtt5Connect connect) {
        Mqtt5BlockingClient client = v5Unconnected(clientId).toBlocking();
        client.connect(connect);
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client for the broker's TCP address, not connected yet
     */
    public Mqtt5Client v5Unconnected(String clientId) {
        return track(tcp(clientId).useMqttVersion5().build());
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client connected over WebSocket ({@code @MqttBroker(websocket = true)})
     */
    public Mqtt5BlockingClient v5OverWebSocket(String clientId) {
        Mqtt5BlockingClient client = track(webSocket(clientId).useMqttVersion5().buildBlocking());
        client.connect();
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 5.0 client connected over TLS, trusting the broker's certificate ({@code @MqttBroker(tls =
     *         true)})
     */
    public Mqtt5BlockingClient v5OverTls(String clientId) {
        Mqtt5BlockingClient client = track(tls(clientId).useMqttVersion5().buildBlocking());
        client.connect();
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected with a clean session
     */
    public Mqtt3BlockingClient v3(String clientId) {
        return v3(clientId, Mqtt3Connect.builder().build());
    }

    /**
     * @param clientId the client identifier
     * @param connect  the CONNECT to send: a will, credentials, clean session off…
     * @return an MQTT 3.1.1 client connected with it
     */
    public Mqtt3BlockingClient v3(String clientId, Mqtt3Connect connect) {
        Mqtt3BlockingClient client = v3Unconnected(clientId).toBlocking();
        client.connect(connect);
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client for the broker's TCP address, not connected yet
     */
    public Mqtt3Client v3Unconnected(String clientId) {
        return track(tcp(clientId).useMqttVersion3().build());
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected over WebSocket ({@code @MqttBroker(websocket = true)})
     */
    public Mqtt3BlockingClient v3OverWebSocket(String clientId) {
        Mqtt3BlockingClient client = track(webSocket(clientId).useMqttVersion3().buildBlocking());
        client.connect();
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return an MQTT 3.1.1 client connected over TLS, trusting the broker's certificate ({@code @MqttBroker(tls =
     *         true)})
     */
    public Mqtt3BlockingClient v3OverTls(String clientId) {
        Mqtt3BlockingClient client = track(tls(clientId).useMqttVersion3().buildBlocking());
        client.connect();
        return client;
    }

    private MqttClientBuilder tcp(String clientId) {
        return MqttClient.builder().identifier(clientId).serverHost(broker.host()).serverPort(broker.port());
    }

    private MqttClientBuilder webSocket(String clientId) {
        URI address = broker.websocketUri();
        return MqttClient.builder().identifier(clientId).serverHost(address.getHost()).serverPort(address.getPort())
                .webSocketConfig(MqttWebSocketConfig.builder().serverPath(address.getPath()).build());
    }

    private MqttClientBuilder tls(String clientId) {
        URI address = broker.tlsUri();
        MqttClientSslConfig trustingTheBroker = MqttClientSslConfig.builder()
                .trustManagerFactory(CertificateTrust.trustManagerFactory(broker.certificate()))
                .build();
        return MqttClient.builder().identifier(clientId).serverHost(address.getHost()).serverPort(address.getPort())
                .sslConfig(trustingTheBroker);
    }

    private synchronized <C extends MqttClient> C track(C client) {
        clients.add(client);
        return client;
    }

    /**
     * Disconnects (cleanly, so no will fires) every client this factory made that is still connected.
     */
    @Override
    public synchronized void close() {
        for (MqttClient client : clients) {
            if (client.getState().isConnectedOrReconnect()) {
                disconnect(client);
            }
        }
        clients.clear();
    }

    private static void disconnect(MqttClient client) {
        try {
            if (client instanceof Mqtt5Client v5) {
                v5.toAsync().disconnect().get(DISCONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } else if (client instanceof Mqtt3Client v3) {
                v3.toAsync().disconnect().get(DISCONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // the connection is already gone, or going: either way the client holds nothing any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
