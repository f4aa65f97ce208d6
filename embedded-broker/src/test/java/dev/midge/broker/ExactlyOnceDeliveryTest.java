package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inbound QoS 2 message is routed once however often its publisher resends it before PUBREL.
 */
class ExactlyOnceDeliveryTest {

    private static final String MARKER = "marker";

    private final Broker broker = Broker.builder().port(0).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void aQos2PublishResentWithDupBeforePubrelReachesSubscribersOnce() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient subscriber = subscriber();
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            publisher.send(MqttPackets.publish("t", "once", 2, 9, false, false));
            assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(9);
            publisher.send(MqttPackets.publish("t", "once", 2, 9, true, false));
            assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(9);
            publisher.send(MqttPackets.pubrel(9));
            assertThat(publisher.expect(Packet.PUBCOMP).packetId()).isEqualTo(9);
            broker.publish(Message.of(MARKER, "end"));

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("once");
            assertThat(subscriber.expect(Packet.PUBLISH).topic()).isEqualTo(MARKER);
            assertThat(events.all(BrokerEvent.MessagePublished.class))
                    .filteredOn(e -> "pub".equals(e.clientId())).hasSize(1);
        }
    }

    @Test
    void thePacketIdCanCarryANewMessageOncePubrelHasReleasedIt() {
        try (RawMqttClient subscriber = subscriber();
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            for (String payload : new String[]{"first", "second"}) {
                publisher.send(MqttPackets.publish("t", payload, 2, 5, false, false));
                publisher.expect(Packet.PUBREC);
                publisher.send(MqttPackets.pubrel(5));
                publisher.expect(Packet.PUBCOMP);
            }

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("first");
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("second");
        }
    }

    @Test
    void aPublisherThatReconnectsToItsSessionAndResendsBeforePubrelIsStillRoutedOnce() {
        ConnectPacket persistent = ConnectPacket.mqtt311("pub").cleanSession(false);
        try (RawMqttClient subscriber = subscriber()) {
            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), persistent)) {
                publisher.send(MqttPackets.publish("t", "once", 2, 3, false, false));
                publisher.expect(Packet.PUBREC);
            }
            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), persistent)) {
                publisher.send(MqttPackets.publish("t", "once", 2, 3, true, false));
                publisher.expect(Packet.PUBREC);
                publisher.send(MqttPackets.pubrel(3));
                publisher.expect(Packet.PUBCOMP);
            }
            broker.publish(Message.of(MARKER, "end"));

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("once");
            assertThat(subscriber.expect(Packet.PUBLISH).topic()).isEqualTo(MARKER);
        }
    }

    @Test
    void aPubrelForAnUnknownPacketIdIsStillAnsweredWithPubcomp() {
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            publisher.send(MqttPackets.pubrel(42));
            assertThat(publisher.expect(Packet.PUBCOMP).packetId()).isEqualTo(42);
        }
    }

    private RawMqttClient subscriber() {
        RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub"));
        subscriber.send(MqttPackets.subscribe(1, new String[]{"t", MARKER}, new int[]{0, 0}));
        subscriber.expect(Packet.SUBACK);
        return subscriber;
    }
}
