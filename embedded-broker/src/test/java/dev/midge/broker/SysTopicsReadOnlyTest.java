package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code $SYS/...} belongs to the broker: a client's PUBLISH there is refused (MQTT 5: reason 0x87 Not authorized;
 * MQTT 3: acknowledged and dropped, as Mosquitto does), never routed or retained, and reported as an event; a will
 * there is refused at CONNECT. Unless the {@link Authorizer} allows it.
 */
class SysTopicsReadOnlyTest {

    private static final int NOT_AUTHORIZED = 0x87;

    private Broker broker = Broker.builder().port(0).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void anMqtt5PublishToSysIsRefusedWithNotAuthorizedInPubackAndPubrec() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("intruder"))) {
            client.send(publish("$SYS/broker/version", MqttQoS.AT_LEAST_ONCE, 1));
            assertThat(RawMqtt5Client.reasonCode(client.expect(MqttMessageType.PUBACK))).isEqualTo(NOT_AUTHORIZED);

            client.send(publish("$SYS/broker/uptime", MqttQoS.EXACTLY_ONCE, 2));
            assertThat(RawMqtt5Client.reasonCode(client.expect(MqttMessageType.PUBREC))).isEqualTo(NOT_AUTHORIZED);

            assertThat(events.await(BrokerEvent.PublishRefused.class, e -> e.clientId().equals("intruder"))
                    .reason()).contains("$SYS");
            assertThat(events.all(BrokerEvent.PublishRefused.class)).extracting(e -> e.message().topic())
                    .containsExactly("$SYS/broker/version", "$SYS/broker/uptime");
            assertThat(events.all(BrokerEvent.MessagePublished.class)).isEmpty();
        }
        assertThat(broker.retainedMessages()).isEmpty();
    }

    @Test
    void anMqtt3PublishToSysIsAcknowledgedButNeitherRoutedNorRetained() {
        try (RawMqttClient reader = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("reader"));
             RawMqttClient intruder = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("intruder"))) {
            reader.send(MqttPackets.subscribe(1, "$SYS/#", 1));
            reader.expect(Packet.SUBACK);

            intruder.send(MqttPackets.publish("$SYS/broker/version", "forged", 0, 0, false, true));
            intruder.send(MqttPackets.publish("$SYS", "forged", 1, 7, false, true));
            assertThat(intruder.expect(Packet.PUBACK).packetId()).isEqualTo(7);
            intruder.ping();
            broker.publish(Message.of("$SYS/marker", "from the broker"));

            assertThat(reader.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("from the broker");
        }
        assertThat(broker.retainedMessages()).isEmpty();
    }

    @Test
    void aWillOnASysTopicIsRefusedAtConnectAsNotAuthorized() {
        try (RawMqttClient v3 = RawMqttClient.open(broker.port());
             RawMqtt5Client v5 = RawMqtt5Client.open(broker.port())) {
            v3.send(ConnectPacket.mqtt311("v3").will("$SYS/broker/version", "forged", 0, true).build());
            assertThat(v3.expect(Packet.CONNACK).connackCode()).isEqualTo(5);

            assertThat(v5.connack(RawMqtt5Client.connectPacket("v5").willFlag(true).willRetain(true)
                    .willTopic("$SYS/broker/version").willMessage("forged".getBytes(StandardCharsets.UTF_8))
                    .willQoS(MqttQoS.AT_MOST_ONCE)).variableHeader().connectReturnCode().byteValue() & 0xFF)
                    .isEqualTo(NOT_AUTHORIZED);
        }
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void theBrokersOwnSysFiguresCannotBeOverwritten() {
        broker.close();
        broker = Broker.builder().port(0).sysTopics(Duration.ofHours(1)).start();
        try (RawMqttClient intruder = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("intruder"))) {
            intruder.send(MqttPackets.publish("$SYS/broker/version", "forged", 1, 1, false, true));
            intruder.expect(Packet.PUBACK);
        }
        assertThat(broker.retainedMessages()).filteredOn(m -> m.topic().equals("$SYS/broker/version"))
                .extracting(Message::payloadAsString).singleElement().asString().startsWith("Midge");
    }

    @Test
    void anAuthorizerCanLetClientsPublishToSys() {
        broker.close();
        broker = Broker.builder().port(0).authorizer(new Authorizer() {
            @Override
            public boolean canPublish(String clientId, String username, String topic) {
                return true;
            }

            @Override
            public boolean canSubscribe(String clientId, String username, String filter) {
                return true;
            }

            @Override
            public boolean canPublishToSystemTopic(String clientId, String username, String topic) {
                return clientId.equals("bridge");
            }
        }).start();
        try (RawMqtt5Client bridge = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("bridge"))) {
            bridge.send(publish("$SYS/bridge/state", MqttQoS.AT_LEAST_ONCE, 1));
            assertThat(RawMqtt5Client.reasonCode(bridge.expect(MqttMessageType.PUBACK))).isLessThan(0x80);
        }
        assertThat(broker.retainedMessages()).extracting(Message::topic).containsExactly("$SYS/bridge/state");
    }

    private static MqttMessage publish(String topic, MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId).retained(true)
                .payload(Unpooled.wrappedBuffer("forged".getBytes(StandardCharsets.UTF_8))).build();
    }
}
