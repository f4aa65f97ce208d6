package dev.midge.samples.retained;

import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that comes late: it subscribes after the status was published and still learns it, because the broker
 * retained it.
 *
 * <pre>{@code
 * Optional<String> status = new LateSubscriber(MqttSettings.of("tcp://broker.emqx.io:1883", "dashboard"))
 *         .currentStatus(Duration.ofSeconds(2));
 * }</pre>
 */
public final class LateSubscriber {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-dashboard";

    private static final int QOS = 1;

    private final MqttSettings settings;
    private final String topic;

    /**
     * Reads {@code raspberry/status}.
     *
     * @param settings the broker and the client identity
     */
    public LateSubscriber(MqttSettings settings) {
        this(settings, StatusPublisher.DEFAULT_TOPIC);
    }

    /**
     * @param settings the broker and the client identity
     * @param topic    the status topic
     */
    public LateSubscriber(MqttSettings settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    /**
     * Subscribes and returns the retained status the broker sends right after the subscription.
     *
     * @param wait how long to wait for it; MQTT 3.1.1 has no way to say "nothing retained", so an empty result
     *             always takes this long
     * @return the retained status, or empty when the broker keeps none
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public Optional<String> currentStatus(Duration wait) throws MqttException, InterruptedException {
        BlockingQueue<MqttMessage> arrived = new ArrayBlockingQueue<>(1);
        try (MqttClient client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence())) {
            client.connect(settings.connectOptions());
            try {
                client.subscribe(topic, QOS, (messageTopic, message) -> arrived.offer(message));
                MqttMessage first = arrived.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                // A message published live, just after subscribing, is news rather than the kept status.
                return first != null && first.isRetained()
                        ? Optional.of(new String(first.getPayload(), StandardCharsets.UTF_8))
                        : Optional.empty();
            } finally {
                client.disconnect();
            }
        }
    }

    /**
     * Prints the retained status, or says there is none.
     *
     * @param args {@code --wait-ms} (default 2000), {@code --broker}, {@code --client-id}, {@code --username},
     *             {@code --password}, {@code --keep-alive}, {@code --topic}
     */
    public static void main(String[] args) throws MqttException, InterruptedException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("wait-ms", "broker", "client-id", "username",
                "password", "keep-alive", "topic"), Set.of());
        String topic = commandLine.value("topic", StatusPublisher.DEFAULT_TOPIC);
        Optional<String> status = new LateSubscriber(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID), topic)
                .currentStatus(Duration.ofMillis(commandLine.intValue("wait-ms", 2000)));
        System.out.println(status.map(text -> topic + " " + text).orElse("no retained status on " + topic));
    }
}
