package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.testing.Bystander;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.WireBytes;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.midge.broker.testing.WireBytes.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5: a packet the specification calls malformed or a protocol error ends the connection with the reason code
 * it names: CONNACK for a bad CONNECT, DISCONNECT for anything later (0x81 Malformed Packet, 0x82 Protocol Error,
 * 0x8F Topic Filter invalid, 0x94 Topic Alias invalid). The offender's will is published and the broker keeps
 * serving everyone else. Each case names the statement or section it proves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mqtt5StrictInputTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MALFORMED = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int TOPIC_FILTER_INVALID = 0x8F;
    private static final int TOPIC_ALIAS_INVALID = 0x94;

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
            cases.add(Arguments.of("MQTT-1.5.4-1", "a client id with " + bad[1], MALFORMED,
                    new Connect().clientId(bytesOf("c" + bad[0])).build()));
        }
        cases.add(Arguments.of("MQTT-1.5.4-2", "a client id with U+0000", MALFORMED,
                new Connect().clientId(bytesOf("c%00")).build()));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a user name with the byte FF", MALFORMED,
                new Connect().username(bytesOf("u%FF")).build()));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a will topic with the byte FE", MALFORMED,
                new Connect().will(WireBytes.create(), bytesOf("will/%FE")).build()));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a user property with the overlong C0 AF", MALFORMED,
                new Connect().properties(WireBytes.create().u8(0x26).string("k").rawString(bytesOf("%C0%AF")))
                        .build()));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a will content type with the surrogate ED A0 80", MALFORMED,
                new Connect().will(WireBytes.create().u8(0x03).rawString(bytesOf("%ED%A0%80")),
                        bytesOf("will/t")).build()));
        cases.add(Arguments.of("MQTT-3.1.2-3", "the reserved flag set", MALFORMED,
                WireBytes.create().string("MQTT").u8(5).u8(0x03).u16(0).properties(WireBytes.create()).string("c")
                        .packet(0x10)));
        cases.add(Arguments.of("2.2.2.2", "the Session Expiry Interval twice", PROTOCOL_ERROR,
                new Connect().properties(WireBytes.create().u8(0x11).u32(10).u8(0x11).u32(20)).build()));
        cases.add(Arguments.of("2.2.2.2", "the Receive Maximum twice", PROTOCOL_ERROR,
                new Connect().properties(WireBytes.create().u8(0x21).u16(10).u8(0x21).u16(10)).build()));
        cases.add(Arguments.of("2.2.2.2", "the Maximum Packet Size twice", PROTOCOL_ERROR,
                new Connect().properties(WireBytes.create().u8(0x27).u32(1000).u8(0x27).u32(1000)).build()));
        cases.add(Arguments.of("2.2.2.2", "a Topic Alias", MALFORMED,
                new Connect().properties(WireBytes.create().u8(0x23).u16(1)).build()));
        cases.add(Arguments.of("2.2.2.2", "a Topic Alias in the will properties", MALFORMED,
                new Connect().will(WireBytes.create().u8(0x23).u16(1), bytesOf("will/t")).build()));
        cases.add(Arguments.of("2.2.2.2", "the will Message Expiry Interval twice", PROTOCOL_ERROR,
                new Connect().will(WireBytes.create().u8(0x02).u32(5).u8(0x02).u32(5), bytesOf("will/t"))
                        .build()));
        cases.add(Arguments.of("3.1.2.11.10", "Authentication Data without an Authentication Method",
                PROTOCOL_ERROR, new Connect().properties(WireBytes.create().u8(0x16).u16(1).u8(7)).build()));
        cases.add(Arguments.of("MQTT-3.3.2-14", "a will Response Topic with +", PROTOCOL_ERROR,
                new Connect().will(WireBytes.create().u8(0x08).string("reply/+"), bytesOf("will/t")).build()));
        cases.add(Arguments.of("3.1.2.11.7", "Request Problem Information 2", PROTOCOL_ERROR,
                new Connect().properties(WireBytes.create().u8(0x17).u8(2)).build()));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{0}] a CONNECT with {1} is refused with CONNACK {2}")
    @MethodSource("badConnects")
    void aConnectThatBreaksTheRulesIsRefusedWithItsReasonCode(String statement, String what, int reasonCode,
                                                              byte[] connect) {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(connect);
            List<Packet> received = client.awaitClosed(CLOSE_TIMEOUT);

            assertThat(received).extracting(Packet::typeName).containsExactly("CONNACK");
            assertThat(received.get(0).connackCode()).isEqualTo(reasonCode);
            assertThat(received.get(0).body()).as("an MQTT 5 CONNACK, its properties after the reason code")
                    .hasSizeGreaterThan(2);
        }
        bystander.assertBrokerServesOthers();
    }

    static Stream<Arguments> badPackets() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] bad : WireBytes.NOT_WELL_FORMED_UTF8) {
            cases.add(Arguments.of("MQTT-1.5.4-1", "a topic with " + bad[1], MALFORMED,
                    publish(0x30, bytesOf("u8/" + bad[0]), WireBytes.create())));
        }
        cases.add(Arguments.of("MQTT-1.5.4-2", "a topic with U+0000", MALFORMED,
                publish(0x30, bytesOf("a%00b"), WireBytes.create())));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a topic filter with the byte FF", MALFORMED,
                subscribe(WireBytes.create(), bytesOf("u8/%FF"), 0)));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a user property value with the byte FE", MALFORMED,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x26).string("k").rawString(bytesOf("%FE")))));
        cases.add(Arguments.of("MQTT-1.5.4-1", "a content type above U+10FFFF", MALFORMED,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x03).rawString(bytesOf("%F4%90%80%80")))));
        cases.add(Arguments.of("MQTT-1.5.4-2", "a response topic with U+0000", MALFORMED,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x08).rawString(bytesOf("r%00")))));
        cases.add(Arguments.of("MQTT-3.3.2-14", "a Response Topic with #", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x08).string("reply/#"))));
        cases.add(Arguments.of("2.2.2.2", "the Message Expiry Interval twice", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x02).u32(5).u8(0x02).u32(5))));
        cases.add(Arguments.of("2.2.2.2", "the Payload Format Indicator twice", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x01).u8(0).u8(0x01).u8(0))));
        cases.add(Arguments.of("2.2.2.2", "the Topic Alias twice", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x23).u16(1).u8(0x23).u16(2))));
        cases.add(Arguments.of("2.2.2.2", "the Content Type twice", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x03).string("a").u8(0x03).string("b"))));
        cases.add(Arguments.of("2.2.2.2", "a Session Expiry Interval in a PUBLISH", MALFORMED,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x11).u32(5))));
        cases.add(Arguments.of("2.2.2.2", "an unknown property 0x7F", MALFORMED,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x7F).u8(0))));
        cases.add(Arguments.of("2.2.2.2", "the Subscription Identifier twice in a SUBSCRIBE", PROTOCOL_ERROR,
                subscribe(WireBytes.create().u8(0x0B).variableInt(1).u8(0x0B).variableInt(2), bytesOf("t"), 0)));
        cases.add(Arguments.of("3.8.2.1.2", "a Subscription Identifier of 0", PROTOCOL_ERROR,
                subscribe(WireBytes.create().u8(0x0B).variableInt(0), bytesOf("t"), 0)));
        cases.add(Arguments.of("MQTT-3.3.4-6", "a Subscription Identifier in a PUBLISH", PROTOCOL_ERROR,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x0B).variableInt(1))));
        cases.add(Arguments.of("MQTT-3.8.3-5", "reserved subscription option bits", MALFORMED,
                subscribe(WireBytes.create(), bytesOf("t"), 0x40)));
        cases.add(Arguments.of("3.8.3.1", "Retain Handling 3", PROTOCOL_ERROR,
                subscribe(WireBytes.create(), bytesOf("t"), 0x30)));
        cases.add(Arguments.of("3.8.3.1", "a subscription asking for QoS 3", PROTOCOL_ERROR,
                subscribe(WireBytes.create(), bytesOf("t"), 0x03)));
        cases.add(Arguments.of("MQTT-3.3.1-2", "a QoS 0 PUBLISH with DUP set", MALFORMED,
                publish(0x38, bytesOf("t"), WireBytes.create())));
        cases.add(Arguments.of("MQTT-3.3.1-4", "a PUBLISH with QoS 3", MALFORMED,
                publish(0x36, bytesOf("t"), WireBytes.create())));
        cases.add(Arguments.of("MQTT-2.2.1-3", "a QoS 1 PUBLISH with packet identifier 0", MALFORMED,
                WireBytes.create().string("t").u16(0).properties(WireBytes.create()).packet(0x32)));
        cases.add(Arguments.of("MQTT-2.2.1-3", "a SUBSCRIBE with packet identifier 0", MALFORMED,
                WireBytes.create().u16(0).properties(WireBytes.create()).string("t").u8(0).packet(0x82)));
        cases.add(Arguments.of("MQTT-2.2.1-3", "an UNSUBSCRIBE with packet identifier 0", MALFORMED,
                WireBytes.create().u16(0).properties(WireBytes.create()).string("t").packet(0xA2)));
        cases.add(Arguments.of("MQTT-3.3.2-2", "a topic with +", MALFORMED,
                publish(0x30, bytesOf("a/+"), WireBytes.create())));
        cases.add(Arguments.of("MQTT-3.3.2-2", "a topic with #", MALFORMED,
                publish(0x30, bytesOf("a/#"), WireBytes.create())));
        cases.add(Arguments.of("3.3.2.1", "an empty topic without a Topic Alias", PROTOCOL_ERROR,
                publish(0x30, bytesOf(""), WireBytes.create())));
        cases.add(Arguments.of("MQTT-3.3.2-8", "a Topic Alias of 0", TOPIC_ALIAS_INVALID,
                publish(0x30, bytesOf("t"), WireBytes.create().u8(0x23).u16(0))));
        cases.add(Arguments.of("MQTT-4.7.1-1", "a SUBSCRIBE to a/#/b", TOPIC_FILTER_INVALID,
                subscribe(WireBytes.create(), bytesOf("a/#/b"), 0)));
        cases.add(Arguments.of("MQTT-4.7.1-1", "a SUBSCRIBE to a/b#", TOPIC_FILTER_INVALID,
                subscribe(WireBytes.create(), bytesOf("a/b#"), 0)));
        cases.add(Arguments.of("MQTT-4.7.1-2", "a SUBSCRIBE to a+/b", TOPIC_FILTER_INVALID,
                subscribe(WireBytes.create(), bytesOf("a+/b"), 0)));
        cases.add(Arguments.of("MQTT-4.7.3-1", "a SUBSCRIBE to the empty filter", TOPIC_FILTER_INVALID,
                subscribe(WireBytes.create(), bytesOf(""), 0)));
        cases.add(Arguments.of("MQTT-4.7.1-1", "an UNSUBSCRIBE from a/#/b", TOPIC_FILTER_INVALID,
                WireBytes.create().u16(1).properties(WireBytes.create()).string("a/#/b").packet(0xA2)));
        cases.add(Arguments.of("MQTT-2.1.3-1", "a PINGREQ with flags 0001", MALFORMED,
                new byte[]{(byte) 0xC1, 0x00}));
        cases.add(Arguments.of("MQTT-2.1.3-1", "a PUBREC with flags 0010", MALFORMED,
                new byte[]{0x52, 0x02, 0x00, 0x01}));
        cases.add(Arguments.of("MQTT-1.5.5-1", "a remaining length in more bytes than needed", MALFORMED,
                new byte[]{(byte) 0xC0, (byte) 0x80, 0x00}));
        cases.add(Arguments.of("MQTT-1.5.5-1", "a property length in more bytes than needed", MALFORMED,
                WireBytes.create().string("t").u8(0x80, 0x00).bytes(bytesOf("x")).packet(0x30)));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{0}] {1} ends the connection with DISCONNECT {2}")
    @MethodSource("badPackets")
    void aPacketThatBreaksTheRulesEndsTheConnectionWithItsReasonCode(String statement, String what, int reasonCode,
                                                                    byte[] packet) {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("offender")
                     .willFlag(true).willTopic("will/offender").willMessage("gone".getBytes(StandardCharsets.UTF_8))
                     .willQoS(MqttQoS.AT_MOST_ONCE))) {
            client.sendBytes(packet);

            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(reasonCode);
            events.await(BrokerEvent.WillPublished.class, e -> e.clientId().equals("offender"));
        }
        bystander.assertBrokerServesOthers();
    }

    private static byte[] publish(int firstByte, byte[] topic, WireBytes properties) {
        WireBytes body = WireBytes.create().rawString(topic);
        if ((firstByte & 0x06) != 0) {
            body.u16(1);
        }
        return body.properties(properties).bytes(bytesOf("payload")).packet(firstByte);
    }

    private static byte[] subscribe(WireBytes properties, byte[] filter, int options) {
        return WireBytes.create().u16(1).properties(properties).rawString(filter).u8(options).packet(0x82);
    }

    /** An MQTT 5 CONNECT with clean start and no keep-alive, whose fields may be any bytes. */
    private static final class Connect {
        private WireBytes properties = WireBytes.create();
        private byte[] clientId = bytesOf("c");
        private WireBytes willProperties;
        private byte[] willTopic;
        private byte[] username;

        Connect properties(WireBytes value) {
            properties = value;
            return this;
        }

        Connect clientId(byte[] value) {
            clientId = value;
            return this;
        }

        Connect will(WireBytes properties, byte[] topic) {
            willProperties = properties;
            willTopic = topic;
            return this;
        }

        Connect username(byte[] value) {
            username = value;
            return this;
        }

        byte[] build() {
            WireBytes body = WireBytes.create().string("MQTT").u8(5)
                    .u8(0x02 | (willTopic != null ? 0x04 : 0) | (username != null ? 0x80 : 0)).u16(0)
                    .properties(properties).rawString(clientId);
            if (willTopic != null) {
                body.properties(willProperties).rawString(willTopic).string("gone");
            }
            if (username != null) {
                body.rawString(username);
            }
            return body.packet(0x10);
        }
    }
}
