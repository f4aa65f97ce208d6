package dev.midge.samples.testing;

import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The messages a test client or a sample received, as {@code "topic payload"} lines, in arrival order.
 */
public final class Inbox implements IMqttMessageListener, BiConsumer<String, String> {

    private final BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
    private final List<MqttMessage> messages = new ArrayList<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        synchronized (messages) {
            messages.add(message);
        }
        accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void accept(String topic, String text) {
        arrived.add(topic + " " + text);
    }

    /**
     * @return the next message not taken yet
     * @throws AssertionError when none arrives in time
     */
    public String next(Duration timeout) throws InterruptedException {
        String message = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message arrived within " + timeout);
        }
        return message;
    }

    /**
     * @return the next {@code count} messages
     * @throws AssertionError when fewer arrive in time, listing those that did
     */
    public List<String> next(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> taken = new ArrayList<>();
        while (taken.size() < count) {
            String message = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("Only " + taken.size() + " of " + count + " messages arrived within "
                        + timeout + ": " + taken);
            }
            taken.add(message);
        }
        return taken;
    }

    /**
     * @return the Paho messages received through {@link #messageArrived}, with their flags
     */
    public List<MqttMessage> pahoMessages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
