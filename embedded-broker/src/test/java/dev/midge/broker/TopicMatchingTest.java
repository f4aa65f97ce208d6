package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which published topics reach which subscriptions, seen by a client on the wire. Each case subscribes to the
 * filter under test and to a marker topic no wildcard filter can match; the marker, published last, shows that
 * everything routed before it has arrived.
 */
class TopicMatchingTest {

    private static final String MARKER = "$marker";
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static Broker broker;

    @BeforeAll
    static void startBroker() {
        broker = Broker.builder().port(0).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "{0} receives {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a/b            | a/b                          | true
            a/b            | a/c                          | false
            a/b            | a/b/c                        | false
            A/b            | a/b                          | false
            a/+            | a/b                          | true
            a/+            | a/                           | true
            a/+            | a                            | false
            a/+            | a/b/c                        | false
            +              | /a                           | false
            +/+            | /a                           | true
            /+             | /a                           | true
            a/+/c          | a//c                         | true
            a//c           | a//c                         | true
            a/#            | a                            | true
            a/#            | a/b/c                        | true
            a/#            | ab                           | false
            #              | a/b/c                        | true
            #              | /                            | true
            sport/tennis/+ | sport/tennis/player1/ranking | false
            #              | $SYS/uptime                  | false
            +/uptime       | $SYS/uptime                  | false
            $SYS/#         | $SYS/uptime                  | true
            $SYS/+         | $SYS/uptime                  | true
            """)
    void aSubscriptionReceivesExactlyTheTopicsItsFilterMatches(String filter, String topic, boolean delivered) {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("matcher-" + CLIENTS.incrementAndGet()))) {
            subscriber.send(MqttPackets.subscribe(1, new String[]{filter, MARKER}, new int[]{0, 0}));
            assertThat(subscriber.expect(Packet.SUBACK).subackCodes()).containsExactly(0, 0);

            broker.publish(Message.of(topic, "routed"));
            broker.publish(Message.of(MARKER, "end"));

            Packet first = subscriber.expect(Packet.PUBLISH);
            if (delivered) {
                assertThat(first.topic()).isEqualTo(topic);
                assertThat(subscriber.expect(Packet.PUBLISH).topic()).isEqualTo(MARKER);
            } else {
                assertThat(first.topic()).as("first delivery").isEqualTo(MARKER);
            }
        }
    }
}
