package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.V5MessageCollector;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One broker serves MQTT 3.1, 3.1.1 and 5.0 clients on the same listener at once: the same publish/subscribe
 * scenarios run for every pairing of publisher and subscriber versions.
 */
class MixedProtocolVersionsTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients v3Clients = new PahoClients(broker.uri());
    private final PahoV5Clients v5Clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        v3Clients.close();
        v5Clients.close();
        broker.close();
    }

    static Stream<Arguments> pairings() {
        return Stream.of(Arguments.of("3.1.1", "5.0"), Arguments.of("5.0", "3.1.1"), Arguments.of("5.0", "5.0"),
                Arguments.of("3.1.1", "3.1.1"), Arguments.of("3.1", "5.0"), Arguments.of("5.0", "3.1"));
    }

    @ParameterizedTest(name = "{0} publisher to {1} subscriber")
    @MethodSource("pairings")
    void retainedAndLiveMessagesReachTheSubscriberAtItsGrantedQos(String publisherVersion, String subscriberVersion)
            throws Exception {
        Client publisher = connect(publisherVersion, "publisher");
        publisher.publish("status/pump", "on", 2, true);
        Client subscriber = connect(subscriberVersion, "subscriber");

        subscriber.subscribe("status/#", 2);
        assertThat(subscriber.next()).isEqualTo(new Received("status/pump", "on", 2, true));

        subscriber.subscribe("sensors/+/temperature", 1);
        publisher.publish("sensors/kitchen/temperature", "q0", 0, false);
        publisher.publish("sensors/kitchen/temperature", "q1", 1, false);
        publisher.publish("sensors/kitchen/temperature", "q2", 2, false);
        publisher.publish("sensors/kitchen/humidity", "elsewhere", 1, false);
        publisher.publish("sensors/hall/temperature", "last", 1, false);

        assertThat(subscriber.next()).isEqualTo(new Received("sensors/kitchen/temperature", "q0", 0, false));
        assertThat(subscriber.next()).isEqualTo(new Received("sensors/kitchen/temperature", "q1", 1, false));
        assertThat(subscriber.next()).isEqualTo(new Received("sensors/kitchen/temperature", "q2", 1, false));
        assertThat(subscriber.next()).isEqualTo(new Received("sensors/hall/temperature", "last", 1, false));
    }

    private Client connect(String version, String clientId) throws Exception {
        if (version.equals("5.0")) {
            V5MessageCollector collector = new V5MessageCollector();
            var client = v5Clients.connect(clientId, collector);
            return new Client() {
                @Override
                public void subscribe(String filter, int qos) throws Exception {
                    client.subscribe(filter, qos);
                }

                @Override
                public void publish(String topic, String payload, int qos, boolean retain) throws Exception {
                    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
                }

                @Override
                public Received next() {
                    V5MessageCollector.Received message = collector.next();
                    return new Received(message.topic(), message.payload(), message.message().getQos(),
                            message.message().isRetained());
                }
            };
        }
        MqttConnectOptions options = PahoClients.options();
        options.setMqttVersion(version.equals("3.1") ? MqttConnectOptions.MQTT_VERSION_3_1
                : MqttConnectOptions.MQTT_VERSION_3_1_1);
        MessageCollector collector = new MessageCollector();
        var client = v3Clients.connect(clientId, collector, options);
        return new Client() {
            @Override
            public void subscribe(String filter, int qos) throws Exception {
                client.subscribe(filter, qos);
            }

            @Override
            public void publish(String topic, String payload, int qos, boolean retain) throws Exception {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
            }

            @Override
            public Received next() {
                MessageCollector.Received message = collector.next();
                return new Received(message.topic(), message.payload(), message.qos(), message.retained());
            }
        };
    }

    /** What a test does with a client, whatever its protocol version. */
    private interface Client {
        void subscribe(String filter, int qos) throws Exception;

        void publish(String topic, String payload, int qos, boolean retain) throws Exception;

        Received next();
    }

    private record Received(String topic, String payload, int qos, boolean retained) {
    }
}
