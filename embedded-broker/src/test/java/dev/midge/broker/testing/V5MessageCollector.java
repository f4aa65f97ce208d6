package dev.midge.broker.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects what an Eclipse Paho MQTT 5 client receives (messages with their properties, the broker's DISCONNECT),
 * so a test can wait for it with a timeout.
 */
public final class V5MessageCollector implements MqttCallback {

    /** How long the waiting methods wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * A message as the Paho client received it.
     *
     * @param topic   the topic
     * @param message the message with its properties
     */
    public record Received(String topic, MqttMessage message) {

        /** @return the payload as UTF-8 text */
        public String payload() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }

        /** @return the MQTT 5 properties */
        public MqttProperties properties() {
            return message.getProperties();
        }
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, message));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnected.complete(response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        disconnected.completeExceptionally(exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Publishers wait on their own tokens; nothing to record.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // Tests connect synchronously and see the outcome there.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // Paho cannot answer a challenge before CONNACK; tests drive AUTH exchanges with raw clients instead.
    }

    /**
     * @return the next message, waiting up to {@link #TIMEOUT}
     */
    public Received next() {
        try {
            Received message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("No message arrived within " + TIMEOUT.toMillis() + " ms");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a message", e);
        }
    }

    /**
     * Waits for the next message and checks that it is the given one, so everything the test saw before is known
     * to be all that arrived before it.
     */
    public Received next(String topic, String payload) {
        Received message = next();
        if (!message.topic().equals(topic) || !message.payload().equals(payload)) {
            throw new AssertionError("Expected " + payload + " on " + topic + " but received " + message.topic()
                    + ": " + message.payload());
        }
        return message;
    }

    /**
     * Waits until the broker ends the connection.
     *
     * @return what Paho reported, with the DISCONNECT reason code when the broker sent one
     */
    public MqttDisconnectResponse awaitDisconnected() {
        try {
            return disconnected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The connection did not end within " + TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the connection to end", e);
        }
    }
}
