package dev.midge.samples.publisher;

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
 * A Raspberry Pi's publisher: connects, sends the numbers 0 to 4 to {@code raspberry/topic}, and disconnects.
 *
 * <pre>{@code
 * new PiPublisher(MqttSettings.of("tcp://broker.emqx.io:1883", "pi-42"), "raspberry/topic", 1, false).run();
 * }</pre>
 */
public final class PiPublisher {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-publisher";

    /** The topic of the source guide. */
    public static final String DEFAULT_TOPIC = "raspberry/topic";

    /** How many numbers one run sends: 0, 1, 2, 3 and 4. */
    public static final int COUNT = 5;

    private static final Logger log = LoggerFactory.getLogger(PiPublisher.class);

    private final MqttSettings settings;
    private final String topic;
    private final int qos;
    private final boolean retain;

    /**
     * Publishes to {@code raspberry/topic} at QoS 0, not retained, as the guide does.
     *
     * @param settings the broker and the client identity
     */
    public PiPublisher(MqttSettings settings) {
        this(settings, DEFAULT_TOPIC, 0, false);
    }

    /**
     * @param settings the broker and the client identity
     * @param topic    where to publish
     * @param qos      0, 1 or 2
     * @param retain   whether the broker keeps the last number for clients that subscribe later
     */
    public PiPublisher(MqttSettings settings, String topic, int qos, boolean retain) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        this.settings = settings;
        this.topic = topic;
        this.qos = qos;
        this.retain = retain;
    }

    /**
     * Connects, publishes 0 to 4 in order, and disconnects cleanly. At QoS 1 and 2 each publish returns once the
     * broker has acknowledged it; at QoS 0 once it is written to the network.
     *
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public void run() throws MqttException {
        try (MqttClient client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence())) {
            client.connect(settings.connectOptions());
            try {
                for (int i = 0; i < COUNT; i++) {
                    client.publish(topic, String.valueOf(i).getBytes(StandardCharsets.UTF_8), qos, retain);
                    log.info("send {} to {}", i, topic);
                }
            } finally {
                client.disconnect();
            }
        }
    }

    /**
     * @param args {@code --broker}, {@code --client-id}, {@code --username}, {@code --password},
     *             {@code --keep-alive}, {@code --topic}, {@code --qos}, {@code --retain}
     */
    public static void main(String[] args) throws MqttException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("broker", "client-id", "username", "password",
                "keep-alive", "topic", "qos"), Set.of("retain"));
        new PiPublisher(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID), commandLine.value("topic", DEFAULT_TOPIC),
                commandLine.intValue("qos", 0), commandLine.flag("retain")).run();
    }
}
