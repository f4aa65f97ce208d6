package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.assertj.core.groups.Tuple;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties a publisher gives a message reach its subscribers untouched, and a payload declared UTF-8 that is
 * not is refused.
 */
class MessagePropertiesTest {

    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, 0x28};

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void userPropertiesResponseTopicCorrelationDataContentTypeAndPayloadFormatAreForwarded() throws Exception {
        V5MessageCollector collector = new V5MessageCollector();
        clients.connect("responder", collector).subscribe("requests", 1);
        org.eclipse.paho.mqttv5.common.packet.MqttProperties properties =
                new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("unit", "C"), new UserProperty("unit", "F"),
                new UserProperty("sensor", "kitchen")));
        properties.setResponseTopic("replies/42");
        properties.setCorrelationData(new byte[]{0, 1, (byte) 0xFF});
        properties.setContentType("application/json");
        properties.setPayloadFormat(true);
        org.eclipse.paho.mqttv5.common.MqttMessage message = new org.eclipse.paho.mqttv5.common.MqttMessage(
                "{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, false, properties);
        MqttClient requester = clients.connect("requester", new V5MessageCollector());

        requester.publish("requests", message);

        var received = collector.next("requests", "{\"t\":21}").properties();
        assertThat(received.getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                .containsExactly(Tuple.tuple("unit", "C"), Tuple.tuple("unit", "F"), Tuple.tuple("sensor", "kitchen"));
        assertThat(received.getResponseTopic()).isEqualTo("replies/42");
        assertThat(received.getCorrelationData()).containsExactly(0, 1, 0xFF);
        assertThat(received.getContentType()).isEqualTo("application/json");
        assertThat(received.getPayloadFormat()).isTrue();
    }

    @Test
    void aQos1Or2PayloadDeclaredUtf8ThatIsNotIsRefusedWithPayloadFormatInvalid() {
        try (RawMqtt5Client subscriber = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("s"));
             RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            subscriber.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "t")
                    .build());
            subscriber.expect(MqttMessageType.SUBACK);

            publisher.send(declaredUtf8(MqttQoS.AT_LEAST_ONCE, 1, INVALID_UTF8));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isEqualTo(0x99);
            publisher.send(declaredUtf8(MqttQoS.EXACTLY_ONCE, 2, INVALID_UTF8));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBREC))).isEqualTo(0x99);
            publisher.send(declaredUtf8(MqttQoS.AT_LEAST_ONCE, 3, "grüße".getBytes(StandardCharsets.UTF_8)));
            assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isEqualTo(0x00);

            MqttMessage delivered = subscriber.expect(MqttMessageType.PUBLISH);
            assertThat(((io.netty.handler.codec.mqtt.MqttPublishMessage) delivered).payload()
                    .toString(StandardCharsets.UTF_8)).isEqualTo("grüße");
        }
    }

    @Test
    void aQos0PayloadDeclaredUtf8ThatIsNotEndsTheConnectionWithPayloadFormatInvalid() {
        try (RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("p"))) {
            publisher.send(declaredUtf8(MqttQoS.AT_MOST_ONCE, 0, INVALID_UTF8));

            assertThat(publisher.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x99);
        }
    }

    private static MqttMessage declaredUtf8(MqttQoS qos, int packetId, byte[] payload) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        return MqttMessageBuilders.publish().topicName("t").qos(qos).messageId(packetId).properties(properties)
                .payload(Unpooled.wrappedBuffer(payload)).build();
    }
}
