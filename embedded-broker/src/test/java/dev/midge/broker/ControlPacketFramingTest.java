package dev.midge.broker;

import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.WireBytes;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.midge.broker.testing.WireBytes.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SUBSCRIBE, UNSUBSCRIBE, the acknowledgements and DISCONNECT keep every field however the network cuts the byte
 * stream: one byte per write, or many packets in one write.
 */
class ControlPacketFramingTest {

    private static final int FILLER_FILTERS = 16;

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void anMqtt5SubscribeWithManyFiltersSentOneByteAtATimeKeepsEachFiltersOptions() throws Exception {
        broker.publish(new Message("kept/a", bytesOf("A"), QoS.AT_LEAST_ONCE, true, MessageProperties.NONE));
        broker.publish(new Message("kept/b", bytesOf("B"), QoS.AT_LEAST_ONCE, true, MessageProperties.NONE));
        WireBytes filters = WireBytes.create()
                .string("kept/a").u8(0x01)
                .string("kept/b").u8(0x21)
                .string("echo").u8(0x05)
                .string("flags").u8(0x09);
        List<Integer> expectedCodes = new ArrayList<>(List.of(1, 1, 1, 1));
        for (int i = 0; i < FILLER_FILTERS; i++) {
            filters.string("more/" + i).u8(i % 3);
            expectedCodes.add(i % 3);
        }
        byte[] subscribe = WireBytes.create().u16(9)
                .properties(WireBytes.create().u8(0x0B).variableInt(42).u8(0x26).string("k").string("v"))
                .bytes(filters.toByteArray()).packet(0x82);

        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("options"))) {
            sendOneByteAtATime(client, subscribe);
            client.sendBytes(MqttPackets.concat(WireBytes.create().string("echo").properties(WireBytes.create())
                    .bytes(bytesOf("mine")).packet(0x30), MqttPackets.pingreq()));
            List<MqttMessage> answers = readUntilPingresp(client);

            MqttSubAckMessage suback = (MqttSubAckMessage) answers.stream()
                    .filter(p -> p.fixedHeader().messageType() == MqttMessageType.SUBACK).findFirst().orElseThrow();
            assertThat(suback.variableHeader().messageId()).as("MQTT-3.8.4-2").isEqualTo(9);
            assertThat(suback.payload().reasonCodes()).as("MQTT-3.8.4-6").containsExactlyElementsOf(expectedCodes);
            List<MqttPublishMessage> published = answers.stream().filter(MqttPublishMessage.class::isInstance)
                    .map(MqttPublishMessage.class::cast).toList();
            assertThat(published).as("retain handling 0 sends kept/a, 2 holds kept/b, no local holds echo"
                            + " [MQTT-3.8.3-3]")
                    .extracting(p -> p.variableHeader().topicName()).containsExactly("kept/a");
            assertThat(published.get(0).variableHeader().properties()
                    .getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER).value()).isEqualTo(42);
            assertThat(broker.subscriptions()).filteredOn(s -> s.clientId().equals("options"))
                    .hasSize(4 + FILLER_FILTERS);

            clients.connect("other", new MessageCollector()).publish("flags", bytesOf("up"), 1, true);
            MqttPublishMessage forwarded = (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
            assertThat(forwarded.variableHeader().topicName()).isEqualTo("flags");
            assertThat(forwarded.fixedHeader().isRetain()).as("retain as published").isTrue();
        }
    }

    @Test
    void severalMqtt5AcknowledgementsInOneWriteAreEachHandled() throws Exception {
        MessageCollector results = new MessageCollector();
        clients.connect("collector", results).subscribe("results", 1);
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 60));
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("worker").cleanSession(false).properties(expiry))) {
            client.sendBytes(WireBytes.create().u16(1).properties(WireBytes.create()).string("jobs/#").u8(2)
                    .packet(0x82));
            client.expect(MqttMessageType.SUBACK);
            broker.publish(new Message("jobs/1", bytesOf("a"), QoS.AT_LEAST_ONCE, false, MessageProperties.NONE));
            broker.publish(new Message("jobs/2", bytesOf("b"), QoS.AT_LEAST_ONCE, false, MessageProperties.NONE));
            broker.publish(new Message("jobs/3", bytesOf("c"), QoS.EXACTLY_ONCE, false, MessageProperties.NONE));
            broker.publish(new Message("jobs/4", bytesOf("d"), QoS.EXACTLY_ONCE, false, MessageProperties.NONE));
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                MqttPublishMessage publish = (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
                ids.put(publish.variableHeader().topicName(), publish.variableHeader().packetId());
            }
            client.sendBytes(WireBytes.create().string("results").u16(77).properties(WireBytes.create())
                    .bytes(bytesOf("done")).packet(0x34));
            assertThat(packetId(client.expect(MqttMessageType.PUBREC))).isEqualTo(77);

            client.sendBytes(MqttPackets.concat(
                    WireBytes.create().u16(ids.get("jobs/1")).u8(0x00)
                            .properties(WireBytes.create().u8(0x1F).string("ok").u8(0x26).string("k").string("v"))
                            .packet(0x40),
                    WireBytes.create().u16(ids.get("jobs/2")).packet(0x40),
                    WireBytes.create().u16(ids.get("jobs/3")).u8(0x10).packet(0x50),
                    WireBytes.create().u16(ids.get("jobs/4")).packet(0x50),
                    WireBytes.create().u16(77).u8(0x00).properties(WireBytes.create()).packet(0x62),
                    MqttPackets.pingreq()));

            assertThat(List.of(client.read(), client.read(), client.read(), client.read()))
                    .extracting(ControlPacketFramingTest::describe)
                    .containsExactly("PUBREL " + ids.get("jobs/3"), "PUBREL " + ids.get("jobs/4"), "PUBCOMP 77",
                            "PINGRESP");
            client.sendBytes(MqttPackets.concat(
                    WireBytes.create().u16(ids.get("jobs/3")).u8(0x00).properties(WireBytes.create()).packet(0x70),
                    WireBytes.create().u16(ids.get("jobs/4")).packet(0x70),
                    new byte[]{(byte) 0xE0, 0x00}));
            assertThat(client.awaitEndOfStream(RawMqttClient.READ_TIMEOUT)).isEmpty();
        }
        assertThat(results.next("results", "done").qos()).isEqualTo(1);

        try (RawMqtt5Client again = RawMqtt5Client.open(broker.port())) {
            assertThat(again.connack(RawMqtt5Client.connectPacket("worker").cleanSession(false).properties(expiry))
                    .variableHeader().isSessionPresent()).isTrue();
            again.sendBytes(MqttPackets.pingreq());
            assertThat(again.read().fixedHeader().messageType()).as("nothing left to redeliver")
                    .isEqualTo(MqttMessageType.PINGRESP);
        }
    }

    @Test
    void anUnsubscribeAndADisconnectWithWillSentOneByteAtATimeAreBothHandled() throws Exception {
        MessageCollector wills = new MessageCollector();
        clients.connect("watcher", wills).subscribe("leaver/will", 1);
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacketWithWill("leaver", "leaver/will", 0, 0))) {
            client.sendBytes(WireBytes.create().u16(4).properties(WireBytes.create())
                    .string("a").u8(0).string("b").u8(1).packet(0x82));
            client.expect(MqttMessageType.SUBACK);

            sendOneByteAtATime(client, MqttPackets.concat(
                    WireBytes.create().u16(5).properties(WireBytes.create().u8(0x26).string("k").string("v"))
                            .string("a").string("b").string("never").packet(0xA2),
                    WireBytes.create().u8(0x04).properties(WireBytes.create().u8(0x1F).string("leaving"))
                            .packet(0xE0)));

            MqttUnsubAckMessage unsuback = (MqttUnsubAckMessage) client.expect(MqttMessageType.UNSUBACK);
            assertThat(unsuback.variableHeader().messageId()).as("MQTT-3.10.4-5").isEqualTo(5);
            assertThat(unsuback.payload().unsubscribeReasonCodes()).containsExactly((short) 0, (short) 0,
                    (short) 0x11);
        }
        assertThat(wills.next("leaver/will", "gone").qos()).isEqualTo(1);
        assertThat(broker.subscriptions()).noneMatch(s -> s.clientId().equals("leaver"));
    }

    private static List<MqttMessage> readUntilPingresp(RawMqtt5Client client) {
        List<MqttMessage> packets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            MqttMessage packet = client.read();
            if (packet.fixedHeader().messageType() == MqttMessageType.PINGRESP) {
                return packets;
            }
            packets.add(packet);
        }
        throw new AssertionError("no PINGRESP among 100 packets: " + packets);
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private static String describe(MqttMessage packet) {
        return packet.fixedHeader().messageType() + (packet.variableHeader() instanceof MqttMessageIdVariableHeader
                ? " " + packetId(packet) : "");
    }

    private static void sendOneByteAtATime(RawMqtt5Client client, byte[] bytes) {
        for (byte b : bytes) {
            client.sendBytes(new byte[]{b});
        }
    }
}
