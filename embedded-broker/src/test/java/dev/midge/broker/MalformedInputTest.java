package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile or broken input closes the offending connection only: the broker and every other client carry on (the
 * rules the specification numbers are proved one by one in {@link StrictInputTest}). One
 * broker and one bystander client serve the whole class, so each case also proves the damage of all earlier ones
 * stayed contained.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {

    private static final int MAX_PACKET_SIZE = 1024;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).maxPacketSize(MAX_PACKET_SIZE).start();
    private final PahoClients clients = new PahoClients(broker.uri());
    private final MessageCollector bystanderInbox = new MessageCollector();
    private final AtomicInteger heartbeat = new AtomicInteger();
    private MqttClient bystander;

    @BeforeAll
    void connectBystanderForTheWholeClass() throws Exception {
        bystander = clients.connect("bystander", bystanderInbox);
        bystander.subscribe(new String[]{"news", "will/#"}, new int[]{1, 1});
    }

    @BeforeEach
    void brokerServesOthersBeforeTheTest() throws Exception {
        assertBrokerServesOthers();
    }

    @AfterAll
    void tearDown() {
        clients.close();
        broker.close();
    }

    static Stream<Arguments> inputBeforeConnect() {
        return Stream.of(
                Arguments.of("garbage", "not mqtt at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("binary garbage", new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}),
                Arguments.of("an HTTP request", "GET /mqtt HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("PUBLISH", MqttPackets.publish("t", "too early")),
                Arguments.of("SUBSCRIBE", MqttPackets.subscribe(1, "t", 0)),
                Arguments.of("PINGREQ", MqttPackets.pingreq()),
                Arguments.of("reserved packet type 0", new byte[]{0x00, 0x00}),
                Arguments.of("reserved packet type 15", new byte[]{(byte) 0xF0, 0x00}),
                Arguments.of("CONNECT with a password but no user name", connectWithPasswordOnly()),
                Arguments.of("CONNECT with will QoS 3", connectWithWillQos3()),
                Arguments.of("a CONNECT whose fields run past its remaining length", connectWithFlags(0x42)),
                Arguments.of("a CONNECT whose will topic has wildcards",
                        ConnectPacket.mqtt311("c").will("status/+", "gone", 0, false).build()),
                Arguments.of("a CONNECT with an empty will topic",
                        ConnectPacket.mqtt311("c").will("", "gone", 0, false).build()),
                Arguments.of("a CONNECT larger than the maximum packet size",
                        ConnectPacket.mqtt311("x".repeat(MAX_PACKET_SIZE)).build()));
    }

    @ParameterizedTest(name = "{0} before CONNECT closes that connection only")
    @MethodSource("inputBeforeConnect")
    void badInputBeforeConnectClosesThatConnectionOnly(String what, byte[] bytes) throws Exception {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(bytes);
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).as("packets sent back").isEmpty();
        }
        assertBrokerServesOthers();
    }

    static Stream<Arguments> inputAfterConnect() {
        return Stream.of(
                Arguments.of("a second CONNECT", ConnectPacket.mqtt311("again").build()),
                Arguments.of("a packet larger than the maximum packet size",
                        MqttPackets.publish("t", "x".repeat(MAX_PACKET_SIZE), 0, 0, false, false)),
                Arguments.of("a remaining length longer than four bytes",
                        new byte[]{0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}),
                Arguments.of("reserved packet type 0", new byte[]{0x00, 0x00}),
                Arguments.of("reserved packet type 15", new byte[]{(byte) 0xF0, 0x00}),
                Arguments.of("a CONNACK, which only servers send", new byte[]{0x20, 0x02, 0x00, 0x00}),
                Arguments.of("a SUBACK, which only servers send", new byte[]{(byte) 0x90, 0x03, 0x00, 0x01, 0x00}),
                Arguments.of("a SUBSCRIBE with the wrong fixed-header flags",
                        new byte[]{(byte) 0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x00}),
                Arguments.of("a SUBSCRIBE without topic filters", new byte[]{(byte) 0x82, 0x02, 0x00, 0x01}),
                Arguments.of("a PUBREL with the wrong fixed-header flags", new byte[]{0x60, 0x02, 0x00, 0x01}),
                Arguments.of("a PUBACK with packet identifier 0", new byte[]{0x40, 0x02, 0x00, 0x00}),
                Arguments.of("an MQTT 3 PUBREC with a reason code", new byte[]{0x50, 0x03, 0x00, 0x01, 0x00}),
                Arguments.of("a PINGREQ with a body", new byte[]{(byte) 0xC0, 0x01, 0x00}),
                Arguments.of("an MQTT 3 DISCONNECT with a body", new byte[]{(byte) 0xE0, 0x01, 0x04}),
                Arguments.of("a topic length running past the packet", new byte[]{0x30, 0x03, 0x00, 0x10, 't'}));
    }

    @ParameterizedTest(name = "{0} closes that connection only and publishes its will")
    @MethodSource("inputAfterConnect")
    void badInputAfterConnectClosesThatConnectionOnlyAndPublishesItsWill(String what, byte[] bytes)
            throws Exception {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("offender").will("will/offender", "gone", 1, false))) {
            client.send(bytes);

            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).as("packets sent back").isEmpty();
            assertThat(bystanderInbox.next("will/offender", "gone").qos()).isEqualTo(1);
            BrokerEvent.ClientDisconnected disconnected = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("offender"));
            assertThat(disconnected.reason()).isIn(DisconnectReason.PROTOCOL_ERROR,
                    DisconnectReason.PACKET_TOO_LARGE);
        }
        assertBrokerServesOthers();
    }

    @Test
    void aPacketOverTheMaximumSizeIsReportedAsTooLarge() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("big"))) {
            client.send(MqttPackets.publish("t", "x".repeat(MAX_PACKET_SIZE), 0, 0, false, false));
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("big")).reason())
                    .isEqualTo(DisconnectReason.PACKET_TOO_LARGE);
        }
    }

    @Test
    void aPacketJustUnderTheMaximumSizeIsAccepted() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("fits"))) {
            String payload = "x".repeat(MAX_PACKET_SIZE - 2 - "news".length());
            client.send(MqttPackets.publish("news", payload, 0, 0, false, false));
            assertThat(bystanderInbox.next().payload()).isEqualTo(payload);
        }
    }

    @Test
    void repliesToPacketsBeforeAMalformedOneInTheSameWriteStillReachTheClient() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            client.send(MqttPackets.concat(
                    ConnectPacket.mqtt311("pipelined").build(),
                    MqttPackets.subscribe(7, "t", 1),
                    MqttPackets.publish("news", "pipelined", 1, 8, false, false),
                    new byte[]{0x00, 0x00}));

            List<Packet> received = client.awaitClosed(CLOSE_TIMEOUT);
            assertThat(received).extracting(Packet::typeName).containsExactly("CONNACK", "SUBACK", "PUBACK");
            assertThat(received.get(1).packetId()).isEqualTo(7);
            assertThat(received.get(2).packetId()).isEqualTo(8);
        }
        assertThat(bystanderInbox.next().payload()).isEqualTo("pipelined");
        assertBrokerServesOthers();
    }

    @Test
    void aClientThatSendsHalfAPacketAndHangsUpLeavesNoTrace() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("half"))) {
            byte[] publish = MqttPackets.publish("news", "never completed", 1, 1, false, false);
            byte[] half = new byte[publish.length / 2];
            System.arraycopy(publish, 0, half, 0, half.length);
            client.send(half);
        }
        assertBrokerServesOthers();
        assertThat(bystanderInbox.pending()).isZero();
    }

    private void assertBrokerServesOthers() throws Exception {
        String beat = "beat " + heartbeat.incrementAndGet();
        try (RawMqttClient newcomer = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("newcomer-" + heartbeat.get()))) {
            newcomer.send(MqttPackets.publish("news", beat, 1, 1, false, false));
            newcomer.expect(Packet.PUBACK);
        }
        assertThat(bystanderInbox.next("news", beat).qos()).isEqualTo(1);
        assertThat(bystander.isConnected()).isTrue();
    }

    private static byte[] connectWithPasswordOnly() {
        return new byte[]{0x10, 0x11, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x42, 0x00, 0x00, 0x00, 0x01, 'c',
                0x00, 0x02, 'p', 'w'};
    }

    private static byte[] connectWithWillQos3() {
        return new byte[]{0x10, 0x13, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x1E, 0x00, 0x00, 0x00, 0x01, 'c',
                0x00, 0x01, 'w', 0x00, 0x01, 'x'};
    }

    /**
     * @return a CONNECT for client id "c" whose connect-flags byte is the given one and that carries no will,
     *         user name or password fields
     */
    private static byte[] connectWithFlags(int flags) {
        return new byte[]{0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, (byte) flags, 0x00, 0x00, 0x00, 0x01,
                'c'};
    }
}
