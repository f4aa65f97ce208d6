package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.V5MessageCollector;
import dev.midge.broker.testing.WireBytes;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.assertj.core.groups.Tuple;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PUBLISH reaches its subscribers whole however the network cuts the byte stream: one byte per segment, many
 * packets in one segment, one packet's end in the same segment as the next one's start.
 */
class PublishFramingTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());
    private final PahoV5Clients v5Clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        v5Clients.close();
        broker.close();
    }

    @Test
    void publishesSentOneByteAtATimeAreDeliveredWhole() throws Exception {
        MessageCollector collector = new MessageCollector();
        clients.connect("subscriber", collector).subscribe("sensors/#", 1);
        byte[] stream = concat(MqttPackets.publish("sensors/température", "21.5"),
                MqttPackets.publish("sensors/hall", "19.0", 1, 7, false, false));

        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            for (byte b : stream) {
                publisher.send(new byte[]{b});
            }

            assertThat(publisher.expect(Packet.PUBACK).body()).containsExactly(0, 7);
        }
        assertThat(collector.next("sensors/température", "21.5").qos()).isZero();
        assertThat(collector.next("sensors/hall", "19.0").qos()).isEqualTo(1);
    }

    @Test
    void manyPublishesInOneWriteAreDeliveredInOrder() throws Exception {
        MessageCollector collector = new MessageCollector();
        clients.connect("subscriber", collector).subscribe("counter", 0);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            burst.writeBytes(MqttPackets.publish("counter", "n" + i));
        }

        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            publisher.send(burst.toByteArray());
            publisher.ping();
        }
        for (int i = 0; i < 200; i++) {
            collector.next("counter", "n" + i);
        }
    }

    @Test
    void anMqtt5PublishSentOneByteAtATimeKeepsItsProperties() throws Exception {
        V5MessageCollector collector = new V5MessageCollector();
        v5Clients.connect("subscriber", collector).subscribe("requests", 1);
        byte[] publish = WireBytes.create().string("requests").u16(3)
                .properties(WireBytes.create()
                        .u8(0x26).string("unit").string("C")
                        .u8(0x03).string("text/plain")
                        .u8(0x09).u16(3).u8(0, 1, 0xFF)
                        .u8(0x26).string("unit").string("F")
                        .u8(0x08).string("replies/ü"))
                .bytes("ping".getBytes(StandardCharsets.UTF_8))
                .packet(0x32);

        try (RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("publisher"))) {
            for (byte b : publish) {
                publisher.sendBytes(new byte[]{b});
            }

            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isZero();
        }
        var properties = collector.next("requests", "ping").properties();
        assertThat(properties.getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                .containsExactly(Tuple.tuple("unit", "C"), Tuple.tuple("unit", "F"));
        assertThat(properties.getContentType()).isEqualTo("text/plain");
        assertThat(properties.getCorrelationData()).containsExactly(0, 1, 0xFF);
        assertThat(properties.getResponseTopic()).isEqualTo("replies/ü");
    }

    private static byte[] concat(byte[]... packets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            bytes.writeBytes(packet);
        }
        return bytes.toByteArray();
    }
}
