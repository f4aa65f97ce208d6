package dev.midge.broker.bridge;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mosquitto's bridges, and Midge's, say so with the high bit of an MQTT 3.1.1 CONNECT's protocol level (0x84): the
 * broker takes such a CONNECT as 3.1.1, sends none of the bridge's own messages back to it, and keeps the retain flag
 * of what it forwards to it.
 */
class BridgeClientsTest {

    private static final int BRIDGE_LEVEL = 0x84;

    private final Broker broker = Broker.builder().port(0).start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void aConnectWithTheBridgeBitIsAcceptedAsMqtt311() {
        try (RawMqttClient bridge = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("upstream-bridge").protocol("MQTT", BRIDGE_LEVEL))) {
            assertThat(events.await(BrokerEvent.ClientConnected.class,
                    c -> c.clientId().equals("upstream-bridge")).protocolVersion()).isEqualTo(4);
        }
    }

    @Test
    void aConnectWithTheBridgeBitIsRecognisedWhenItArrivesInPieces() {
        byte[] connect = ConnectPacket.mqtt311("upstream-bridge").protocol("MQTT", BRIDGE_LEVEL).build();
        try (RawMqttClient bridge = RawMqttClient.open(broker.port())) {
            bridge.send(Arrays.copyOfRange(connect, 0, 5));
            bridge.send(Arrays.copyOfRange(connect, 5, connect.length));

            assertThat(bridge.expect(Packet.CONNACK).connackCode()).isZero();
            assertOwnMessagesAreNotSentBack(bridge);
        }
    }

    @Test
    void aBridgeIsNotSentItsOwnMessagesBack() {
        try (RawMqttClient bridge = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("upstream-bridge").protocol("MQTT", BRIDGE_LEVEL))) {
            assertOwnMessagesAreNotSentBack(bridge);
        }
    }

    private void assertOwnMessagesAreNotSentBack(RawMqttClient bridge) {
        bridge.send(MqttPackets.subscribe(1, "chat/#", 1));
        bridge.expect(Packet.SUBACK);
        bridge.send(MqttPackets.publish("chat/own", "from the bridge"));
        broker.publish(Message.of("chat/other", "from elsewhere"));

        Packet next = bridge.expect(Packet.PUBLISH);
        assertThat(next.topic()).isEqualTo("chat/other");
    }

    @Test
    void withoutTheBitAnMqtt311ClientIsSentItsOwnMessagesBack() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("plain"))) {
            client.send(MqttPackets.subscribe(1, "chat/#", 1));
            client.expect(Packet.SUBACK);
            client.send(MqttPackets.publish("chat/own", "from the client"));

            assertThat(client.expect(Packet.PUBLISH).topic()).isEqualTo("chat/own");
        }
    }

    @Test
    void aBridgeMayLeaveItsStateAsItsWillAndPublishItAsMosquittosBridgesDo() {
        String state = "$SYS/broker/connection/edge-pi/state";
        try (RawMqttClient bridge = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("edge-pi")
                .protocol("MQTT", BRIDGE_LEVEL).will(state, "0", 1, true))) {
            bridge.send(MqttPackets.publish(state, "1".getBytes(StandardCharsets.UTF_8), 1, 1, true));
            bridge.expect(Packet.PUBACK);

            assertThat(broker.retainedMessages()).filteredOn(m -> m.topic().equals(state))
                    .extracting(Message::payloadAsString).containsExactly("1");
        }
    }

    /** A plain 3.1.1 subscriber gets the flag cleared on a message forwarded live [MQTT-3.3.1-9]; a bridge keeps it. */
    @Test
    void aBridgeIsForwardedLiveRetainedMessagesWithTheirRetainFlag() {
        try (RawMqttClient bridge = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("upstream-bridge").protocol("MQTT", BRIDGE_LEVEL));
             RawMqttClient plain = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("plain"))) {
            bridge.send(MqttPackets.subscribe(1, "status/#", 1));
            bridge.expect(Packet.SUBACK);
            plain.send(MqttPackets.subscribe(1, "status/#", 1));
            plain.expect(Packet.SUBACK);

            broker.publish(Message.of("status/pi", "online").withRetain(true).withQos(QoS.AT_MOST_ONCE));

            assertThat(bridge.expect(Packet.PUBLISH).retain()).isTrue();
            assertThat(plain.expect(Packet.PUBLISH).retain()).isFalse();
        }
    }
}
