package dev.midge.broker.testing;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Paho callback that queues every message its client receives, and notes when the connection is lost, so tests
 * can wait for them with a timeout.
 */
public final class MessageCollector implements MqttCallback {

    /** How long {@link #next()} waits for a message that should arrive. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * A message as the Paho client received it.
     *
     * @param topic     the topic
     * @param payload   the payload as UTF-8 text
     * @param qos       the QoS it was delivered with
     * @param retained  the retain flag
     * @param duplicate the DUP flag
     */
    public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> connectionLost = new CompletableFuture<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                message.isRetained(), message.isDuplicate()));
    }

    @Override
    public void connectionLost(Throwable cause) {
        connectionLost.complete(cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Publishers wait on their own tokens; nothing to record.
    }

    /**
     * @return the next message, waiting up to {@link #TIMEOUT}
     * @throws AssertionError when none arrives in time
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
     *
     * @param topic   the expected topic
     * @param payload the expected payload
     * @return the message
     */
    public Received next(String topic, String payload) {
        Received message = next();
        if (!message.topic().equals(topic) || !message.payload().equals(payload)) {
            throw new AssertionError("Expected " + payload + " on " + topic + " but received " + message);
        }
        return message;
    }

    /**
     * @return how many messages are queued and not yet taken
     */
    public int pending() {
        return messages.size();
    }

    /**
     * Waits until Paho reports the connection lost.
     *
     * @return the cause Paho gave
     */
    public Throwable awaitConnectionLost() {
        try {
            return connectionLost.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The connection was not lost within " + TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the connection to be lost", e);
        }
    }
}
