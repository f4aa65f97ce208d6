package dev.midge.samples.retained;

import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Publishes a Pi's status as a retained message: the broker keeps the last one per topic and hands it to every
 * client that subscribes later, so a dashboard started at any time shows the current status at once.
 *
 * <pre>{@code
 * new StatusPublisher(MqttSettings.of("tcp://broker.emqx.io:1883", "pi-42")).publish("{\"status\": \"On\"}");
 * }</pre>
 */
public final class StatusPublisher {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-status";

    /** Where the status goes; the subscriber's will uses the same topic. */
    public static final String DEFAULT_TOPIC = "raspberry/status";

    /** The status a running Pi reports. */
    public static final String ON = "{\"status\": \"On\"}";

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final int QOS = 1;

    private final MqttSettings settings;
    private final String topic;

    /**
     * Publishes on {@code raspberry/status}.
     *
     * @param settings the broker and the client identity
     */
    public StatusPublisher(MqttSettings settings) {
        this(settings, DEFAULT_TOPIC);
    }

    /**
     * @param settings the broker and the client identity
     * @param topic    where the status goes
     */
    public StatusPublisher(MqttSettings settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    /**
     * Connects, publishes the status retained at QoS 1, and disconnects; it replaces the status the broker kept.
     *
     * @param status the new status
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public void publish(String status) throws MqttException {
        send(status.getBytes(StandardCharsets.UTF_8));
        log.info("{}: {} is now {} (retained)", settings.clientId(), topic, status);
    }

    /**
     * Makes the broker forget the status: a retained message with an empty payload deletes the kept one.
     *
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public void clear() throws MqttException {
        send(new byte[0]);
        log.info("{}: {} cleared", settings.clientId(), topic);
    }

    private void send(byte[] payload) throws MqttException {
        try (MqttClient client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence())) {
            client.connect(settings.connectOptions());
            try {
                client.publish(topic, payload, QOS, true);
            } finally {
                client.disconnect();
            }
        }
    }

    /**
     * @param args {@code --status} (default {@value #ON}), {@code --clear}, {@code --broker}, {@code --client-id},
     *             {@code --username}, {@code --password}, {@code --keep-alive}, {@code --topic}
     */
    public static void main(String[] args) throws MqttException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("status", "broker", "client-id", "username",
                "password", "keep-alive", "topic"), Set.of("clear"));
        StatusPublisher publisher = new StatusPublisher(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID),
                commandLine.value("topic", DEFAULT_TOPIC));
        if (commandLine.flag("clear")) {
            publisher.clear();
        } else {
            publisher.publish(commandLine.value("status", ON));
        }
    }
}
