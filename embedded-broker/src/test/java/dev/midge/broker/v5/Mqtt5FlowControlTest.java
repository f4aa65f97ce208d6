package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.RawMqtt5Client;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receive Maximum, Maximum Packet Size and topic aliases, each in both directions where the protocol has two.
 */
class Mqtt5FlowControlTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).maxInflightMessages(3).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void theBrokerNeverHasMoreUnacknowledgedMessagesInFlightThanTheClientsReceiveMaximum() {
        MqttProperties receiveTwo = property(MqttProperties.RECEIVE_MAXIMUM, 2);
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("slow").properties(receiveTwo))) {
            subscribe(client, "t", MqttQoS.AT_LEAST_ONCE);
            for (int i = 1; i <= 4; i++) {
                broker.publish(new Message("t", ("m" + i).getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE,
                        false, null));
            }

            MqttPublishMessage first = expectPublish(client, "m1");
            expectPublish(client, "m2");
            client.ping();
            client.send(MqttMessageBuilders.pubAck().packetId(first.variableHeader().packetId()).build());
            expectPublish(client, "m3");
            client.ping();
        }
    }

    @Test
    void aClientExceedingTheBrokersReceiveMaximumIsDisconnected() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("eager"))) {
            for (int id = 1; id <= 3; id++) {
                client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, id));
                client.expect(MqttMessageType.PUBREC);
            }
            client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, 4));

            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(0x93);
        }
    }

    @Test
    void aClientWithinTheBrokersReceiveMaximumMayReuseReleasedIdentifiers() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("steady"))) {
            for (int round = 0; round < 3; round++) {
                for (int id = 1; id <= 3; id++) {
                    client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, id));
                    client.expect(MqttMessageType.PUBREC);
                }
                for (int id = 1; id <= 3; id++) {
                    client.send(Mqtt5ReasonCodesTest.pubrel(id));
                    client.expect(MqttMessageType.PUBCOMP);
                }
            }
            client.ping();
        }
    }

    @Test
    void aMessageLargerThanTheClientsMaximumPacketSizeIsDroppedForThatClient() {
        MqttProperties small = property(MqttProperties.MAXIMUM_PACKET_SIZE, 64);
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                     RawMqtt5Client.connectPacket("small").properties(small))) {
            subscribe(client, "t", MqttQoS.AT_LEAST_ONCE);

            broker.publish(new Message("t", new byte[100], QoS.AT_LEAST_ONCE, false, null));
            broker.publish(new Message("t", "fits".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false,
                    null));

            expectPublish(client, "fits");
            assertThat(events.await(BrokerEvent.MessageDropped.class, e -> e.clientId().equals("small")).reason())
                    .isEqualTo(DropReason.PACKET_TOO_LARGE);
        }
    }

    @Test
    void aTopicAliasSetByTheClientStandsForItsTopicLaterOn() {
        try (RawMqtt5Client subscriber = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("s"));
             RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            subscribe(subscriber, "sensors/kitchen/temperature", MqttQoS.AT_MOST_ONCE);

            publisher.send(aliased("sensors/kitchen/temperature", 1, "21.5"));
            publisher.send(aliased("", 1, "21.6"));

            assertThat(expectPublish(subscriber, "21.5").variableHeader().topicName())
                    .isEqualTo("sensors/kitchen/temperature");
            assertThat(expectPublish(subscriber, "21.6").variableHeader().topicName())
                    .isEqualTo("sensors/kitchen/temperature");
        }
    }

    @Test
    void anUnknownTopicAliasIsTopicAliasInvalid() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            client.send(aliased("", 5, "x"));

            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(0x94);
        }
    }

    @Test
    void aTopicAliasAboveTheBrokersMaximumIsTopicAliasInvalid() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            client.send(aliased("t", 65535, "x"));

            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(0x94);
        }
    }

    private static void subscribe(RawMqtt5Client client, String filter, MqttQoS qos) {
        client.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(qos, filter).build());
        client.expect(MqttMessageType.SUBACK);
    }

    private static MqttPublishMessage expectPublish(RawMqtt5Client client, String payload) {
        MqttPublishMessage publish = (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
        assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo(payload);
        return publish;
    }

    private static io.netty.handler.codec.mqtt.MqttMessage aliased(String topic, int alias, String payload) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE)
                .properties(property(MqttProperties.TOPIC_ALIAS, alias))
                .payload(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static MqttProperties property(int id, int value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(id, value));
        return properties;
    }
}
