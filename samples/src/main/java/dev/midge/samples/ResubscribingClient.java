package dev.midge.samples;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Paho client that stays subscribed: it reconnects by itself after losing the broker and subscribes again on
 * every connection, the Java form of the guide's "subscribe in {@code on_connect}".
 */
public final class ResubscribingClient implements AutoCloseable {

    /**
     * What to do with each message. Runs on Paho's callback thread: keep it short.
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param topic   the topic the message was published on
         * @param message the message
         */
        void messageArrived(String topic, MqttMessage message);
    }

    private static final Logger log = LoggerFactory.getLogger(ResubscribingClient.class);
    private static final long TIMEOUT_MILLIS = 15_000;
    private static final long QUIESCE_MILLIS = 1_000;

    private final MqttSettings settings;
    private final String topicFilter;
    private final int qos;
    private final Listener listener;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private volatile MqttAsyncClient client;

    /**
     * @param settings    the broker and the client identity
     * @param topicFilter what to subscribe to
     * @param qos         the maximum QoS to receive with
     * @param listener    called with every message
     */
    public ResubscribingClient(MqttSettings settings, String topicFilter, int qos, Listener listener) {
        this.settings = settings;
        this.topicFilter = topicFilter;
        this.qos = qos;
        this.listener = listener;
    }

    /**
     * Connects with automatic reconnection and subscribes; returns once the broker has confirmed the subscription.
     *
     * @param options how to connect (a will, clean session or not…); automatic reconnection is switched on
     * @throws MqttException when the broker refuses the connection or the subscription, or cannot be reached
     */
    public void connect(MqttConnectOptions options) throws MqttException {
        MqttAsyncClient newClient = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(),
                new MemoryPersistence());
        newClient.setCallback(new Callback());
        client = newClient;
        options.setAutomaticReconnect(true);
        newClient.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        try {
            firstSubscription.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MqttException refused ? refused : new MqttException(e.getCause());
        } catch (TimeoutException e) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(e);
        }
    }

    /**
     * @return whether the client is connected now (false while it reconnects)
     */
    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    /**
     * Disconnects cleanly, so the broker discards any will, and releases the client.
     */
    @Override
    public void close() {
        MqttAsyncClient current = client;
        if (current != null) {
            CleanDisconnect.disconnectAndClose(current, QUIESCE_MILLIS);
        }
    }

    private void subscribe() {
        try {
            client.subscribe(topicFilter, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int granted = token.getGrantedQos()[0];
                    if (granted > 2) {
                        onFailure(token, new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED));
                        return;
                    }
                    log.info("{}: subscribed to {} (QoS {})", settings.clientId(), topicFilter, granted);
                    firstSubscription.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.error("{}: the broker refused the subscription to {}", settings.clientId(), topicFilter,
                            failure);
                    firstSubscription.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            log.error("{}: cannot subscribe to {}", settings.clientId(), topicFilter, e);
            firstSubscription.completeExceptionally(e);
        }
    }

    /** Paho's events for this client. */
    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("{}: {} {}", settings.clientId(), reconnect ? "reconnected to" : "connected to", serverUri);
            // A clean session loses its subscriptions with the connection, so every connection subscribes again.
            subscribe();
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("{}: lost the connection ({}); reconnecting", settings.clientId(), cause.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                listener.messageArrived(topic, message);
            } catch (RuntimeException e) {
                // Paho would drop the connection and get the message again, failing the same way for ever.
                log.error("{}: handling a message on {} failed", settings.clientId(), topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing is published through this client
        }
    }
}
