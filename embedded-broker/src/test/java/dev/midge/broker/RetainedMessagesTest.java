package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retained messages: the last one per topic is kept and sent, retain flag set, to every new matching subscription.
 */
class RetainedMessagesTest {

    private static final String MARKER = "$marker";

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());
    private final AtomicInteger subscribers = new AtomicInteger();

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void aLateSubscriberReceivesTheRetainedMessageWithTheRetainFlag() throws Exception {
        MqttClient publisher = clients.connect("publisher", new MessageCollector());
        publisher.publish("raspberry/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);

        MessageCollector late = new MessageCollector();
        clients.connect("late", late).subscribe("raspberry/status", 1);

        MessageCollector.Received retained = late.next("raspberry/status", "online");
        assertThat(retained.retained()).isTrue();
        assertThat(retained.qos()).isEqualTo(1);
    }

    @Test
    void aNewRetainedMessageReplacesTheOldOne() {
        retain("t", "v1", 0);
        retain("t", "v2", 0);

        assertThat(retainedDeliveredTo("t")).containsExactly("t=v2");
        assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("v2");
    }

    @Test
    void anEmptyRetainedPayloadClearsTheTopic() {
        retain("t", "v1", 1);
        retain("t", "", 1);

        assertThat(retainedDeliveredTo("t")).isEmpty();
        assertThat(broker.retainedMessages()).isEmpty();
    }

    @Test
    void wildcardSubscriptionsReceiveEveryMatchingRetainedMessage() {
        retain("home/kitchen/temp", "21", 0);
        retain("home/hall/temp", "19", 0);
        retain("home/kitchen/light", "on", 0);
        retain("garden/temp", "7", 0);

        assertThat(retainedDeliveredTo("home/+/temp")).containsExactlyInAnyOrder("home/kitchen/temp=21",
                "home/hall/temp=19");
        assertThat(retainedDeliveredTo("home/#")).containsExactlyInAnyOrder("home/kitchen/temp=21",
                "home/hall/temp=19", "home/kitchen/light=on");
        assertThat(retainedDeliveredTo("#")).hasSize(4);
    }

    @Test
    void retainedSystemTopicsAreNotSentToLeadingWildcards() {
        broker.publish(Message.of("$SYS/broker/version", "1").withRetain(true));
        retain("visible", "yes", 0);

        assertThat(retainedDeliveredTo("#")).containsExactly("visible=yes");
        assertThat(retainedDeliveredTo("$SYS/#")).containsExactly("$SYS/broker/version=1");
    }

    @Test
    void messagesForwardedToExistingSubscriptionsHaveRetainFalse() {
        try (RawMqttClient subscriber = subscriber("t", 1)) {
            retain("t", "live", 1);
            Packet forwarded = subscriber.expect(Packet.PUBLISH);
            assertThat(forwarded.payloadAsString()).isEqualTo("live");
            assertThat(forwarded.retain()).isFalse();
        }
        assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("live");
    }

    @Test
    void theRetainedMessageIsSentAgainOnEverySubscribeAtTheGrantedQos() {
        retain("t", "kept", 2);
        try (RawMqttClient subscriber = subscriber("t", 0)) {
            Packet first = subscriber.expect(Packet.PUBLISH);
            assertThat(first.retain()).isTrue();
            assertThat(first.qos()).isZero();

            subscriber.send(MqttPackets.subscribe(2, "t", 1));
            subscriber.expect(Packet.SUBACK);
            Packet again = subscriber.expect(Packet.PUBLISH);
            assertThat(again.payloadAsString()).isEqualTo("kept");
            assertThat(again.retain()).isTrue();
            assertThat(again.qos()).isEqualTo(1);
        }
    }

    @Test
    void theRetainedMessageFollowsTheSuback() {
        retain("t", "kept", 0);
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub"))) {
            subscriber.send(MqttPackets.subscribe(1, "t", 0));
            assertThat(subscriber.read().type()).isEqualTo(Packet.SUBACK);
            assertThat(subscriber.read().type()).isEqualTo(Packet.PUBLISH);
        }
    }

    @Test
    void clearRetainedMessagesForgetsThemAll() {
        retain("a", "1", 0);
        retain("b", "2", 0);
        broker.clearRetainedMessages();
        assertThat(broker.retainedMessages()).isEmpty();
        assertThat(retainedDeliveredTo("#")).isEmpty();
    }

    private void retain(String topic, String payload, int qos) {
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            publisher.send(MqttPackets.publish(topic, payload, qos, 1, false, true));
            if (qos == 1) {
                publisher.expect(Packet.PUBACK);
            } else if (qos == 2) {
                publisher.expect(Packet.PUBREC);
                publisher.send(MqttPackets.pubrel(1));
                publisher.expect(Packet.PUBCOMP);
            } else {
                publisher.ping();
            }
        }
    }

    private RawMqttClient subscriber(String filter, int qos) {
        RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("sub-" + subscribers.incrementAndGet()));
        subscriber.send(MqttPackets.subscribe(1, filter, qos));
        subscriber.expect(Packet.SUBACK);
        return subscriber;
    }

    /**
     * @return "topic=payload" of each retained message a new subscription to the filter receives, all with the
     *         retain flag
     */
    private List<String> retainedDeliveredTo(String filter) {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("sub-" + subscribers.incrementAndGet()))) {
            subscriber.send(MqttPackets.subscribe(1, new String[]{filter, MARKER}, new int[]{0, 0}));
            subscriber.expect(Packet.SUBACK);
            broker.publish(Message.of(MARKER, "end"));
            List<String> delivered = new ArrayList<>();
            for (Packet p = subscriber.expect(Packet.PUBLISH); !p.topic().equals(MARKER);
                 p = subscriber.expect(Packet.PUBLISH)) {
                assertThat(p.retain()).as("retain flag of %s", p).isTrue();
                delivered.add(p.topic() + "=" + p.payloadAsString());
            }
            return delivered;
        }
    }
}
