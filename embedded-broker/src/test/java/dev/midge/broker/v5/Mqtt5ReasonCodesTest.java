package dev.midge.broker.v5;

import dev.midge.broker.Authorizer;
import dev.midge.broker.Broker;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reason codes an MQTT 5 client gets in SUBACK, UNSUBACK, PUBACK, PUBREC, PUBCOMP and in a DISCONNECT the
 * broker sends, and the reason strings that explain a DISCONNECT.
 */
class Mqtt5ReasonCodesTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).maxPacketSize(256).authorizer(new Authorizer() {
        @Override
        public boolean canPublish(String clientId, String username, String topic) {
            return !topic.startsWith("secret/");
        }

        @Override
        public boolean canSubscribe(String clientId, String username, String filter) {
            return !filter.startsWith("secret/");
        }
    }).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void subackGrantsQosOrRefusesWithNotAuthorized() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            client.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.EXACTLY_ONCE, "a/#")
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "secret/plans")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/g/t")
                    .build());

            MqttSubAckMessage suback = (MqttSubAckMessage) client.expect(MqttMessageType.SUBACK);
            assertThat(suback.payload().reasonCodes()).containsExactly(2, 0x87, 1);
        }
    }

    @Test
    void aSubscribeWithAnInvalidShareNameEndsTheConnectionWithTopicFilterInvalid() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            client.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/+/t").build());

            assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x8F);
        }
    }

    @Test
    void aWillOnATopicTheAuthorizerForbidsIsRefusedAtConnectWithNotAuthorized() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("c").willFlag(true)
                    .willTopic("secret/will").willMessage("gone".getBytes(StandardCharsets.UTF_8))
                    .willQoS(MqttQoS.AT_MOST_ONCE));

            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x87);
            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        }
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void unsubackSaysWhetherASubscriptionExisted() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            client.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "a").build());
            client.expect(MqttMessageType.SUBACK);
            client.send(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter("a").addTopicFilter("b").build());

            MqttUnsubAckMessage unsuback = (MqttUnsubAckMessage) client.expect(MqttMessageType.UNSUBACK);
            assertThat(unsuback.payload().unsubscribeReasonCodes()).containsExactly((short) 0, (short) 0x11);
        }
    }

    @Test
    void pubackSaysNoMatchingSubscribersOrNotAuthorized() {
        try (RawMqtt5Client subscriber = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("s"));
             RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            subscriber.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "heard").build());
            subscriber.expect(MqttMessageType.SUBACK);

            publisher.send(publish("heard", MqttQoS.AT_LEAST_ONCE, 1));
            publisher.send(publish("unheard", MqttQoS.AT_LEAST_ONCE, 2));
            publisher.send(publish("secret/plans", MqttQoS.AT_LEAST_ONCE, 3));

            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isEqualTo(0x00);
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isEqualTo(0x10);
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isEqualTo(0x87);
        }
    }

    @Test
    void pubrecSaysNoMatchingSubscribersOrNotAuthorizedAndPubcompPacketIdentifierNotFound() {
        try (RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            publisher.send(publish("unheard", MqttQoS.EXACTLY_ONCE, 1));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBREC))).isEqualTo(0x10);
            publisher.send(pubrel(1));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBCOMP))).isEqualTo(0x00);

            publisher.send(publish("secret/plans", MqttQoS.EXACTLY_ONCE, 2));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBREC))).isEqualTo(0x87);

            publisher.send(pubrel(7));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBCOMP))).isEqualTo(0x92);
        }
    }

    @Test
    void aSessionTakenOverIsToldSessionTakenOver() throws Exception {
        V5MessageCollector first = new V5MessageCollector();
        clients.connect("device", first);
        clients.connect("device", new V5MessageCollector());

        MqttDisconnectResponse response = first.awaitDisconnected();
        assertThat(response.getReturnCode()).isEqualTo(0x8E);
    }

    @Test
    void aClientIsToldTheServerIsShuttingDown() throws Exception {
        V5MessageCollector collector = new V5MessageCollector();
        clients.connect("device", collector);

        broker.close();

        assertThat(collector.awaitDisconnected().getReturnCode()).isEqualTo(0x8B);
    }

    @Test
    void aPacketOverTheBrokersMaximumIsAnsweredWithPacketTooLarge() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            client.send(MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.wrappedBuffer(new byte[300])).build());

            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(0x95);
        }
    }

    @Test
    void aProtocolErrorIsExplainedInAReasonString() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            MqttProperties expiry = new MqttProperties();
            expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 30));
            client.send(new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) 0, expiry)));

            var packets = client.awaitClosed(CLOSE_TIMEOUT);
            assertThat(packets).hasSize(1);
            assertThat(RawMqtt5Client.reasonCode(packets.get(0))).isEqualTo(0x82);
            assertThat(RawMqtt5Client.reasonString(packets.get(0))).contains("session expiry");
        }
    }

    static MqttMessage publish(String topic, MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId)
                .payload(Unpooled.wrappedBuffer(topic.getBytes(StandardCharsets.UTF_8))).build();
    }

    static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) 0, MqttProperties.NO_PROPERTIES));
    }
}
