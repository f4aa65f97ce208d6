package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outgoing QoS 1 and 2 messages that were sent but not acknowledged when the connection ended are sent again, with
 * DUP and their packet identifier, when the client resumes its session.
 */
class InflightRedeliveryTest {

    private static final ConnectPacket PERSISTENT = ConnectPacket.mqtt311("sub").cleanSession(false);

    private final Broker broker = Broker.builder().port(0).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void anUnacknowledgedQos1MessageIsResentWithDupAndTheSamePacketIdAfterReconnect() {
        Packet original;
        try (RawMqttClient subscriber = subscribe(1)) {
            broker.publish(message("unacked", QoS.AT_LEAST_ONCE));
            original = subscriber.expect(Packet.PUBLISH);
            assertThat(original.dup()).isFalse();
        }
        awaitOffline();

        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), PERSISTENT)) {
            Packet resent = subscriber.expect(Packet.PUBLISH);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.packetId()).isEqualTo(original.packetId());
            assertThat(resent.qos()).isEqualTo(1);
            assertThat(resent.payloadAsString()).isEqualTo("unacked");
            subscriber.send(MqttPackets.puback(resent.packetId()));
        }
        awaitOffline();

        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), PERSISTENT)) {
            broker.publish(message("after", QoS.AT_MOST_ONCE));
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString())
                    .as("an acknowledged message is not sent again").isEqualTo("after");
        }
    }

    @Test
    void anUnreceivedQos2MessageIsResentAsPublishAndAReceivedOneAsPubrel() {
        Packet unreceived;
        Packet received;
        try (RawMqttClient subscriber = subscribe(2)) {
            broker.publish(message("received", QoS.EXACTLY_ONCE));
            broker.publish(message("unreceived", QoS.EXACTLY_ONCE));
            received = subscriber.expect(Packet.PUBLISH);
            unreceived = subscriber.expect(Packet.PUBLISH);
            subscriber.send(MqttPackets.pubrec(received.packetId()));
            assertThat(subscriber.expect(Packet.PUBREL).packetId()).isEqualTo(received.packetId());
        }
        awaitOffline();

        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), PERSISTENT)) {
            assertThat(subscriber.expect(Packet.PUBREL).packetId()).isEqualTo(received.packetId());
            Packet resent = subscriber.expect(Packet.PUBLISH);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.packetId()).isEqualTo(unreceived.packetId());
            assertThat(resent.payloadAsString()).isEqualTo("unreceived");

            subscriber.send(MqttPackets.pubcomp(received.packetId()));
            subscriber.send(MqttPackets.pubrec(resent.packetId()));
            assertThat(subscriber.expect(Packet.PUBREL).packetId()).isEqualTo(resent.packetId());
            subscriber.send(MqttPackets.pubcomp(resent.packetId()));
        }
    }

    @Test
    void messagesQueuedWhileOfflineFollowTheResentOnesInOrder() {
        try (RawMqttClient subscriber = subscribe(1)) {
            broker.publish(message("m1", QoS.AT_LEAST_ONCE));
            subscriber.expect(Packet.PUBLISH);
        }
        awaitOffline();
        broker.publish(message("m2", QoS.AT_LEAST_ONCE));
        broker.publish(message("m3", QoS.AT_LEAST_ONCE));

        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), PERSISTENT)) {
            Packet m1 = subscriber.expect(Packet.PUBLISH);
            Packet m2 = subscriber.expect(Packet.PUBLISH);
            Packet m3 = subscriber.expect(Packet.PUBLISH);
            assertThat(m1.payloadAsString()).isEqualTo("m1");
            assertThat(m1.dup()).isTrue();
            assertThat(m2.payloadAsString()).isEqualTo("m2");
            assertThat(m2.dup()).isFalse();
            assertThat(m3.payloadAsString()).isEqualTo("m3");
            assertThat(m3.dup()).isFalse();
            assertThat(m2.packetId()).isNotEqualTo(m1.packetId()).isNotEqualTo(m3.packetId());
        }
    }

    private RawMqttClient subscribe(int qos) {
        RawMqttClient subscriber = RawMqttClient.connect(broker.port(), PERSISTENT);
        subscriber.send(MqttPackets.subscribe(1, "t", qos));
        subscriber.expect(Packet.SUBACK);
        return subscriber;
    }

    private void awaitOffline() {
        Await.until("the subscriber is offline", () -> broker.connectedClients().isEmpty());
    }

    private static Message message(String payload, QoS qos) {
        return new Message("t", payload.getBytes(StandardCharsets.UTF_8), qos, false, null);
    }
}
