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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QoS 0, 1 and 2 in both directions, with the acknowledgement handshakes on the wire, downgrade to the granted QoS
 * and ordering.
 */
class QualityOfServiceTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void pahoClientsExchangeMessagesAtEachQos() throws Exception {
        MessageCollector received = new MessageCollector();
        clients.connect("subscriber", received).subscribe("t", 2);
        MqttClient publisher = clients.connect("publisher", new MessageCollector());

        for (int qos = 0; qos <= 2; qos++) {
            publisher.publish("t", ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos, false);

            MessageCollector.Received message = received.next("t", "qos " + qos);
            assertThat(message.qos()).isEqualTo(qos);
            assertThat(message.retained()).isFalse();
        }
    }

    @Test
    void anInboundQos1PublishIsAcknowledgedWithPubackCarryingItsPacketId() {
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            publisher.send(MqttPackets.publish("t", "x", 1, 0x0A0B, false, false));
            Packet puback = publisher.expect(Packet.PUBACK);
            assertThat(puback.packetId()).isEqualTo(0x0A0B);
            assertThat(puback.body()).hasSize(2);
        }
    }

    @Test
    void anInboundQos2PublishGoesThroughPubrecPubrelPubcomp() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub"));
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            subscriber.send(MqttPackets.subscribe(1, "t", 2));
            subscriber.expect(Packet.SUBACK);

            publisher.send(MqttPackets.publish("t", "exactly once", 2, 77, false, false));
            assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(77);
            publisher.send(MqttPackets.pubrel(77));
            Packet pubcomp = publisher.expect(Packet.PUBCOMP);
            assertThat(pubcomp.packetId()).isEqualTo(77);
            assertThat(pubcomp.body()).hasSize(2);

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("exactly once");
        }
    }

    @Test
    void anOutboundQos1PublishCarriesAPacketIdAndIsSettledByPuback() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub"))) {
            subscriber.send(MqttPackets.subscribe(1, "t", 1));
            subscriber.expect(Packet.SUBACK);

            broker.publish(message("t", "one", QoS.AT_LEAST_ONCE));
            Packet publish = subscriber.expect(Packet.PUBLISH);
            assertThat(publish.qos()).isEqualTo(1);
            assertThat(publish.dup()).isFalse();
            assertThat(publish.packetId()).isNotZero();
            subscriber.send(MqttPackets.puback(publish.packetId()));

            broker.publish(message("t", "two", QoS.AT_LEAST_ONCE));
            Packet next = subscriber.expect(Packet.PUBLISH);
            assertThat(next.payloadAsString()).isEqualTo("two");
            assertThat(next.dup()).isFalse();
        }
    }

    @Test
    void anOutboundQos2PublishIsReleasedWithPubrelAfterPubrecAndSettledByPubcomp() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub"))) {
            subscriber.send(MqttPackets.subscribe(1, "t", 2));
            subscriber.expect(Packet.SUBACK);

            broker.publish(message("t", "two-phase", QoS.EXACTLY_ONCE));
            Packet publish = subscriber.expect(Packet.PUBLISH);
            assertThat(publish.qos()).isEqualTo(2);
            subscriber.send(MqttPackets.pubrec(publish.packetId()));
            Packet pubrel = subscriber.expect(Packet.PUBREL);
            assertThat(pubrel.packetId()).isEqualTo(publish.packetId());
            assertThat(pubrel.flags()).as("PUBREL fixed-header flags").isEqualTo(0b0010);
            subscriber.send(MqttPackets.pubcomp(publish.packetId()));

            subscriber.ping();
        }
    }

    @Test
    void deliveryUsesTheLowerOfThePublishedAndTheGrantedQos() throws Exception {
        MessageCollector[] byGrantedQos = new MessageCollector[3];
        for (int granted = 0; granted <= 2; granted++) {
            byGrantedQos[granted] = new MessageCollector();
            clients.connect("granted-" + granted, byGrantedQos[granted]).subscribe("t", granted);
        }
        MqttClient publisher = clients.connect("publisher", new MessageCollector());

        for (int published = 0; published <= 2; published++) {
            publisher.publish("t", ("at " + published).getBytes(StandardCharsets.UTF_8), published, false);
            for (int granted = 0; granted <= 2; granted++) {
                assertThat(byGrantedQos[granted].next("t", "at " + published).qos())
                        .as("published at QoS %d, granted QoS %d", published, granted)
                        .isEqualTo(Math.min(published, granted));
            }
        }
    }

    @Test
    void twoHundredQos1MessagesPipelinedByOnePublisherArriveInOrder() throws Exception {
        MessageCollector received = new MessageCollector();
        clients.connect("subscriber", received).subscribe("sensor/temp", 1);
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 1; i <= 200; i++) {
                burst.writeBytes(MqttPackets.publish("sensor/temp", "reading " + i, 1, i, false, false));
            }
            publisher.send(burst.toByteArray());

            for (int i = 1; i <= 200; i++) {
                assertThat(publisher.expect(Packet.PUBACK).packetId()).isEqualTo(i);
            }
            for (int i = 1; i <= 200; i++) {
                MessageCollector.Received message = received.next();
                assertThat(message.payload()).isEqualTo("reading " + i);
                assertThat(message.qos()).isEqualTo(1);
            }
        }
    }

    @Test
    void fiftyQos2MessagesPipelinedByOnePublisherArriveInOrder() throws Exception {
        MessageCollector received = new MessageCollector();
        clients.connect("subscriber", received).subscribe("t", 2);
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            ByteArrayOutputStream publishes = new ByteArrayOutputStream();
            ByteArrayOutputStream releases = new ByteArrayOutputStream();
            for (int i = 1; i <= 50; i++) {
                publishes.writeBytes(MqttPackets.publish("t", "m" + i, 2, i, false, false));
                releases.writeBytes(MqttPackets.pubrel(i));
            }
            publisher.send(publishes.toByteArray());
            for (int i = 1; i <= 50; i++) {
                assertThat(publisher.expect(Packet.PUBREC).packetId()).isEqualTo(i);
            }
            publisher.send(releases.toByteArray());
            for (int i = 1; i <= 50; i++) {
                assertThat(publisher.expect(Packet.PUBCOMP).packetId()).isEqualTo(i);
            }
            for (int i = 1; i <= 50; i++) {
                MessageCollector.Received message = received.next();
                assertThat(message.payload()).isEqualTo("m" + i);
                assertThat(message.qos()).isEqualTo(2);
            }
        }
    }

    private static Message message(String topic, String payload, QoS qos) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, null);
    }
}
