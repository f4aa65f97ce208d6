package dev.midge.samples.vertx;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;

import java.util.Locale;

/**
 * A Raspberry Pi's relay (a pump, a light) switched over MQTT, written on Vert.x MQTT's client: it takes
 * {@code on}, {@code off} and {@code toggle} on {@code raspberry/<device>/command}, switches, and reports the relay's
 * state as a retained message on {@code raspberry/<device>/state}, so a dashboard that connects later sees it at
 * once. Anything else is answered on {@code raspberry/<device>/error}.
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * RelayController pump = new RelayController(MqttClient.create(vertx, new MqttClientOptions().setClientId("pump")),
 *         "pump");
 * pump.start("broker.local", 1883).onSuccess(ready -> System.out.println("pump listening"));
 * }</pre>
 */
public final class RelayController {

    private final MqttClient client;
    private final String commandTopic;
    private final String stateTopic;
    private final String errorTopic;
    private volatile boolean on;

    /**
     * @param client   an unconnected Vert.x MQTT client
     * @param deviceId the device's name in its topics
     */
    public RelayController(MqttClient client, String deviceId) {
        this.client = client;
        this.commandTopic = "raspberry/" + deviceId + "/command";
        this.stateTopic = "raspberry/" + deviceId + "/state";
        this.errorTopic = "raspberry/" + deviceId + "/error";
    }

    /**
     * Connects, subscribes to the command topic and reports the relay's state (off at start).
     *
     * @param host the broker's host
     * @param port the broker's port
     * @return completed once the broker has confirmed the subscription and the state is sent
     */
    public Future<Void> start(String host, int port) {
        // Vert.x completes subscribe() once the SUBSCRIBE is sent; a command published before the SUBACK could
        // still miss the subscription, so starting waits for the SUBACK itself.
        Promise<Void> subscribed = Promise.promise();
        client.subscribeCompletionHandler(ack -> subscribed.tryComplete());
        client.publishHandler(this::onCommand);
        return client.connect(port, host)
                .compose(connected -> client.subscribe(commandTopic, MqttQoS.AT_LEAST_ONCE.value()))
                .compose(sent -> subscribed.future())
                .compose(confirmed -> reportState())
                .mapEmpty();
    }

    /**
     * @return whether the relay is switched on
     */
    public boolean isOn() {
        return on;
    }

    private void onCommand(MqttPublishMessage message) {
        String command = message.payload().toString().trim().toLowerCase(Locale.ROOT);
        switch (command) {
            case "on" -> on = true;
            case "off" -> on = false;
            case "toggle" -> on = !on;
            default -> {
                client.publish(errorTopic, Buffer.buffer("unknown command \"" + command + "\": send on, off or toggle"),
                        MqttQoS.AT_LEAST_ONCE, false, false);
                return;
            }
        }
        reportState();
    }

    private Future<Integer> reportState() {
        return client.publish(stateTopic, Buffer.buffer(on ? "on" : "off"), MqttQoS.AT_LEAST_ONCE, false, true);
    }
}
