package dev.midge.junit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready Vert.x MQTT clients (MQTT 3.1.1, over TCP or TLS: what Vert.x MQTT's client speaks) for the test's broker,
 * on a Vert.x instance of their own, all closed after the test. Inject it like {@link MqttClients}; it needs
 * {@code io.vertx:vertx-mqtt} on the test class path, which {@code midge-junit} does not bring. The broker carries
 * no Vert.x of its own, so any Vert.x version of the application is the one these clients use.
 *
 * <pre>{@code
 * @Test
 * void readingsArrive(VertxMqttClients clients, BrokerHandle broker) {
 *     MqttClient pi = clients.connected("pi");
 *     pi.publish("raspberry/topic", Buffer.buffer("21.5"), MqttQoS.AT_LEAST_ONCE, false, false);
 * }
 * }</pre>
 *
 * <p>Code under test that makes its own clients can share {@link #vertx()}, or take an {@link #unconnected} client
 * and connect it to {@link BrokerHandle#host()} and {@link BrokerHandle#port()} itself.
 */
public final class VertxMqttClients implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 10_000;

    private final BrokerHandle broker;
    private final List<MqttClient> clients = new ArrayList<>();
    private Vertx vertx;

    /**
     * @param broker the broker the clients connect to
     */
    public VertxMqttClients(BrokerHandle broker) {
        this.broker = broker;
    }

    /**
     * @return the Vert.x instance the clients run on, made on first use and closed after the test
     */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    /**
     * @param clientId the client identifier
     * @return a client connected over TCP with a clean session
     */
    public MqttClient connected(String clientId) {
        return connected(new MqttClientOptions().setClientId(clientId));
    }

    /**
     * @param options the client's options, with its identifier, and maybe a will, credentials, keep-alive…
     * @return a client connected over TCP with them
     */
    public MqttClient connected(MqttClientOptions options) {
        MqttClient client = unconnected(options);
        await(client.connect(broker.port(), broker.host()), "connect " + options.getClientId() + " to " + broker.uri());
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return a client not connected yet: {@code connect(broker.port(), broker.host())} connects it
     */
    public MqttClient unconnected(String clientId) {
        return unconnected(new MqttClientOptions().setClientId(clientId));
    }

    /**
     * @param options the client's options
     * @return a client with them, not connected yet
     */
    public synchronized MqttClient unconnected(MqttClientOptions options) {
        MqttClient client = MqttClient.create(vertx(), options);
        clients.add(client);
        return client;
    }

    /**
     * @param clientId the client identifier
     * @return a client connected over TLS with a clean session, trusting the broker's certificate
     *         ({@code @MqttBroker(tls = true)})
     */
    public MqttClient overTls(String clientId) {
        return overTls(new MqttClientOptions().setClientId(clientId));
    }

    /**
     * @param options the client's options; TLS and trust in the broker's certificate are added to them
     * @return a client connected over TLS with them ({@code @MqttBroker(tls = true)})
     */
    public MqttClient overTls(MqttClientOptions options) {
        URI address = broker.tlsUri();
        options.setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(broker.certificate().pem())))
                .setHostnameVerificationAlgorithm("HTTPS");
        MqttClient client = unconnected(options);
        await(client.connect(address.getPort(), address.getHost()),
                "connect " + options.getClientId() + " to " + address);
        return client;
    }

    /**
     * Disconnects (cleanly, so no will fires) every client still connected, then closes the Vert.x instance.
     */
    @Override
    public synchronized void close() {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                awaitQuietly(client.disconnect());
            }
        }
        clients.clear();
        if (vertx != null) {
            awaitQuietly(vertx.close());
            vertx = null;
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Vert.x MQTT could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Vert.x MQTT could not " + what + " within " + TIMEOUT_MILLIS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        }
    }

    private static void awaitQuietly(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the connection is already gone, or going: either way the client holds nothing any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
