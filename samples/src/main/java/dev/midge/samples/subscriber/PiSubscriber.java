package dev.midge.samples.subscriber;

import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.ResubscribingClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A Raspberry Pi's subscriber: receives what is published on {@code raspberry/topic}, leaves a will
 * ({@code {"status": "Off"}} on {@code raspberry/status}) for the broker to publish if the Pi disappears, and
 * reconnects and subscribes again by itself after losing the broker.
 *
 * <pre>{@code
 * try (PiSubscriber subscriber = new PiSubscriber(MqttSettings.of("tcp://broker.emqx.io:1883", "pi-42"),
 *         (topic, text) -> System.out.println(topic + " " + text))) {
 *     subscriber.start();
 *     ...
 * }
 * }</pre>
 */
public final class PiSubscriber implements AutoCloseable {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-subscriber";

    /** The topic of the source guide. */
    public static final String DEFAULT_TOPIC = "raspberry/topic";

    private static final int QOS = 1;

    private final MqttSettings settings;
    private final Will will;
    private final ResubscribingClient client;

    /**
     * Subscribes to {@code raspberry/topic} with the guide's will.
     *
     * @param settings  the broker and the client identity
     * @param onMessage called with the topic and the UTF-8 text of every message, on Paho's callback thread
     */
    public PiSubscriber(MqttSettings settings, BiConsumer<String, String> onMessage) {
        this(settings, DEFAULT_TOPIC, Will.DEFAULT, onMessage);
    }

    /**
     * @param settings  the broker and the client identity
     * @param topic     the topic filter to subscribe to
     * @param will      the will to leave with the broker
     * @param onMessage called with the topic and the UTF-8 text of every message, on Paho's callback thread
     */
    public PiSubscriber(MqttSettings settings, String topic, Will will, BiConsumer<String, String> onMessage) {
        this.settings = settings;
        this.will = will;
        this.client = new ResubscribingClient(settings, topic, QOS, (messageTopic, message) ->
                onMessage.accept(messageTopic, new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    /**
     * Connects with the will and subscribes; returns once the broker has confirmed the subscription.
     *
     * @throws MqttException when the broker refuses the connection or the subscription, or cannot be reached
     */
    public void start() throws MqttException {
        MqttConnectOptions options = settings.connectOptions();
        options.setWill(will.topic(), will.payloadBytes(), will.qos(), will.retained());
        client.connect(options);
    }

    /**
     * @return whether the subscriber is connected now (false while it reconnects)
     */
    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Disconnects cleanly: the broker discards the will, as the Pi left on purpose.
     */
    @Override
    public void close() {
        client.close();
    }

    /**
     * Subscribes and prints every message until the program is stopped. Stopping it with Ctrl-C or {@code kill}
     * ends the connection without DISCONNECT, so the broker publishes the will: the guide's way to test it.
     *
     * @param args {@code --broker}, {@code --client-id}, {@code --username}, {@code --password},
     *             {@code --keep-alive}, {@code --topic}, {@code --will-topic}, {@code --will-payload},
     *             {@code --will-retained}
     */
    public static void main(String[] args) throws MqttException, InterruptedException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("broker", "client-id", "username", "password",
                "keep-alive", "topic", "will-topic", "will-payload"), Set.of("will-retained"));
        Will will = new Will(commandLine.value("will-topic", Will.DEFAULT.topic()),
                commandLine.value("will-payload", Will.DEFAULT.payload()), Will.DEFAULT.qos(),
                commandLine.flag("will-retained"));
        PiSubscriber subscriber = new PiSubscriber(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID),
                commandLine.value("topic", DEFAULT_TOPIC), will,
                (topic, text) -> System.out.println(topic + " " + text));
        subscriber.start();
        Thread.currentThread().join();
    }
}
