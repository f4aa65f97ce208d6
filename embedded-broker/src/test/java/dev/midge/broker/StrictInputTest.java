package dev.midge.broker;

import dev.midge.broker.testing.Bystander;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.WireBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.midge.broker.testing.WireBytes.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 3.1.1 (and 3.1): every packet the specification calls malformed, or whose receipt it says must close the
 * connection, closes it without an answer, publishes the offender's will, and leaves the broker serving everyone
 * else. Each case names the statement it proves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).start();
    private Bystander bystander;

    @BeforeAll
    void watch() throws Exception {
        bystander = Bystander.watching(broker);
    }

    @AfterAll
    void tearDown() {
        bystander.close();
        broker.close();
    }

    static Stream<Arguments> badConnects() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] bad : WireBytes.NOT_WELL_FORMED_UTF8) {
            cases.add(Arguments.of("MQTT-1.5.3-1", "a client id with " + bad[1],
                    connect(4, bytesOf("c" + bad[0]), null, null)));
        }
        cases.add(Arguments.of("MQTT-1.5.3-2", "a client id with U+0000", connect(4, bytesOf("c%00d"), null, null)));
        cases.add(Arguments.of("MQTT-1.5.3-1", "an MQTT 3.1 client id with the byte FF",
                connect(3, bytesOf("c%FF"), null, null)));
        cases.add(Arguments.of("MQTT-3.1.2-3", "the reserved flag set", WireBytes.create().string("MQTT").u8(4)
                .u8(0x03).u16(0).string("c").packet(0x10)));
        cases.add(Arguments.of("MQTT-1.5.3-1", "a will topic with the byte FE",
                connect(4, bytesOf("c"), bytesOf("will/%FE"), null)));
        cases.add(Arguments.of("MQTT-1.5.3-2", "a will topic with U+0000",
                connect(4, bytesOf("c"), bytesOf("will/%00"), null)));
        cases.add(Arguments.of("MQTT-1.5.3-1", "a user name with the surrogate ED A0 80",
                connect(4, bytesOf("c"), null, bytesOf("u%ED%A0%80"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{0}] a CONNECT with {1} is closed unanswered")
    @MethodSource("badConnects")
    void aConnectThatBreaksTheRulesIsClosedUnanswered(String statement, String what, byte[] connect) {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(connect);
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).as("packets sent back").isEmpty();
        }
        assertThat(broker.connectedClients()).doesNotContain("c");
        bystander.assertBrokerServesOthers();
    }

    static Stream<Arguments> badPackets() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] bad : WireBytes.NOT_WELL_FORMED_UTF8) {
            cases.add(Arguments.of("MQTT-1.5.3-1", "a PUBLISH topic with " + bad[1],
                    publish(0x30, bytesOf("u8/" + bad[0]))));
        }
        cases.add(Arguments.of("MQTT-1.5.3-2", "a PUBLISH topic with U+0000", publish(0x30, bytesOf("a%00b"))));
        cases.add(Arguments.of("MQTT-1.5.3-1", "a SUBSCRIBE filter with the byte FF",
                subscribe(bytesOf("u8/%FF"), 0)));
        cases.add(Arguments.of("MQTT-1.5.3-2", "a SUBSCRIBE filter with U+0000", subscribe(bytesOf("a/%00"), 0)));
        cases.add(Arguments.of("MQTT-1.5.3-1", "an UNSUBSCRIBE filter with the overlong C0 AF",
                WireBytes.create().u16(1).rawString(bytesOf("a%C0%AF")).packet(0xA2)));
        cases.add(Arguments.of("MQTT-3.3.1-2", "a QoS 0 PUBLISH with DUP set", publish(0x38, bytesOf("t"))));
        cases.add(Arguments.of("MQTT-3.3.1-4", "a PUBLISH with QoS 3",
                new byte[]{0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01}));
        cases.add(Arguments.of("MQTT-3.3.2-2", "a PUBLISH topic with +", MqttPackets.publish("a/+/b", "x")));
        cases.add(Arguments.of("MQTT-3.3.2-2", "a PUBLISH topic with #", MqttPackets.publish("a/#", "x")));
        cases.add(Arguments.of("MQTT-4.7.3-1", "a PUBLISH to an empty topic", MqttPackets.publish("", "x")));
        cases.add(Arguments.of("MQTT-2.3.1-1", "a QoS 1 PUBLISH with packet identifier 0",
                MqttPackets.publish("t", "x", 1, 0, false, false)));
        cases.add(Arguments.of("MQTT-2.3.1-1", "a SUBSCRIBE with packet identifier 0",
                MqttPackets.subscribe(0, "t", 0)));
        cases.add(Arguments.of("MQTT-2.3.1-1", "an UNSUBSCRIBE with packet identifier 0",
                MqttPackets.unsubscribe(0, "t")));
        cases.add(Arguments.of("MQTT-4.7.3-1", "a SUBSCRIBE to the empty filter", MqttPackets.subscribe(1, "", 0)));
        cases.add(Arguments.of("MQTT-4.7.1-2", "a SUBSCRIBE to a/#/b", MqttPackets.subscribe(1, "a/#/b", 0)));
        cases.add(Arguments.of("MQTT-4.7.1-2", "a SUBSCRIBE to a/b#", MqttPackets.subscribe(1, "a/b#", 0)));
        cases.add(Arguments.of("MQTT-4.7.1-3", "a SUBSCRIBE to a+/b", MqttPackets.subscribe(1, "a+/b", 0)));
        cases.add(Arguments.of("MQTT-4.7.1-2", "an UNSUBSCRIBE from a/#/b", MqttPackets.unsubscribe(1, "a/#/b")));
        cases.add(Arguments.of("MQTT-3.8.3-4", "a SUBSCRIBE with reserved option bits set",
                subscribe(bytesOf("t"), 0x41)));
        cases.add(Arguments.of("MQTT-3.8.3-4", "a SUBSCRIBE asking for QoS 3", subscribe(bytesOf("t"), 0x03)));
        cases.add(Arguments.of("MQTT-2.2.2-2", "a PINGREQ with flags 0001", new byte[]{(byte) 0xC1, 0x00}));
        cases.add(Arguments.of("MQTT-2.2.2-2", "a DISCONNECT with flags 1000", new byte[]{(byte) 0xE8, 0x00}));
        cases.add(Arguments.of("MQTT-2.2.2-2", "a PUBACK with flags 0010", new byte[]{0x42, 0x02, 0x00, 0x01}));
        cases.add(Arguments.of("MQTT-2.2.2-2", "an UNSUBSCRIBE with flags 0000",
                WireBytes.create().u16(1).string("t").packet(0xA0)));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{0}] {1} closes the connection")
    @MethodSource("badPackets")
    void aPacketThatBreaksTheRulesClosesTheConnection(String statement, String what, byte[] packet) {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("offender").will("will/offender", "gone", 0, false))) {
            client.send(packet);

            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).as("packets sent back").isEmpty();
            BrokerEvent.ClientDisconnected disconnected = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("offender"));
            assertThat(disconnected.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
            assertThat(disconnected.detail()).contains(statement);
            events.await(BrokerEvent.WillPublished.class, e -> e.clientId().equals("offender"));
        }
        bystander.assertBrokerServesOthers();
    }

    @Test
    void MQTT_1_5_3_1_topicsThatAreNotWellFormedAreNeverFoldedIntoOneReplacementCharacter() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("u8-reader"))) {
            subscriber.send(MqttPackets.subscribe(1, "u8/#", 0));
            subscriber.expect(Packet.SUBACK);
            for (String[] bad : WireBytes.NOT_WELL_FORMED_UTF8) {
                try (RawMqttClient offender = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("u8"))) {
                    offender.send(publish(0x31, bytesOf("u8/" + bad[0])));
                    assertThat(offender.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
                }
            }
            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("u8"))) {
                publisher.send(MqttPackets.publish("u8/\uFFFD", "the real U+FFFD", 1, 1, false, false));
                publisher.expect(Packet.PUBACK);
            }

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("the real U+FFFD");
            assertThat(broker.retainedMessages()).isEmpty();
        }
    }

    /**
     * @param level      3 (MQTT 3.1) or 4 (3.1.1)
     * @param clientId   the client identifier's bytes
     * @param willTopic  the will topic's bytes, or null for no will
     * @param username   the user name's bytes, or null for none
     */
    private static byte[] connect(int level, byte[] clientId, byte[] willTopic, byte[] username) {
        WireBytes body = WireBytes.create().string(level == 3 ? "MQIsdp" : "MQTT").u8(level)
                .u8(0x02 | (willTopic != null ? 0x04 : 0) | (username != null ? 0x80 : 0)).u16(0)
                .rawString(clientId);
        if (willTopic != null) {
            body.rawString(willTopic).string("gone");
        }
        if (username != null) {
            body.rawString(username);
        }
        return body.packet(0x10);
    }

    private static byte[] publish(int firstByte, byte[] topic) {
        WireBytes body = WireBytes.create().rawString(topic);
        if ((firstByte & 0x06) != 0) {
            body.u16(1);
        }
        return body.bytes(bytesOf("payload")).packet(firstByte);
    }

    private static byte[] subscribe(byte[] filter, int options) {
        return WireBytes.create().u16(1).rawString(filter).u8(options).packet(0x82);
    }
}
