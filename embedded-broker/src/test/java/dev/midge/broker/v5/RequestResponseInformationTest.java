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
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an MQTT 5 client asks for in CONNECT about the broker's answers: Response Information in CONNACK, and no
 * problem information (reason strings, user properties) on packets other than PUBLISH, CONNACK and DISCONNECT.
 */
class RequestResponseInformationTest {

    private final Broker broker = Broker.builder().port(0).responseInformation("response/")
            .authorizer(new Authorizer() {
                @Override
                public boolean canPublish(String clientId, String username, String topic) {
                    return !topic.startsWith("forbidden");
                }

                @Override
                public boolean canSubscribe(String clientId, String username, String filter) {
                    return !filter.startsWith("forbidden");
                }
            }).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void aClientThatAsksGetsThePrefixFollowedByItsClientIdentifier() throws Exception {
        MqttClient client = clients.create("device", new V5MessageCollector());
        MqttConnectionOptions options = PahoV5Clients.options();
        options.setRequestResponseInfo(true);

        IMqttToken token = client.connectWithResult(options);

        assertThat(token.getResponseProperties().getResponseInfo()).isEqualTo("response/device");
    }

    @Test
    void aClientThatDoesNotAskGetsNoResponseInformation() {
        // MQTT-3.1.2-28: Request Response Information 0, or absent, forbids it.
        assertThat(responseInformation(broker, "absent", null)).isNull();
        assertThat(responseInformation(broker, "zero", 0)).isNull();
    }

    @Test
    void aClientWithAnAssignedIdentifierGetsThatOne() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("")
                    .properties(requestResponseInformation(1)));

            MqttProperties properties = connack.variableHeader().properties();
            assertThat(properties.getProperty(MqttProperties.RESPONSE_INFORMATION).value())
                    .isEqualTo("response/" + properties.getProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER).value());
        }
    }

    @Test
    void aBrokerWithoutTheSettingSendsNoneEvenToAClientThatAsks() {
        try (Broker plain = Broker.builder().port(0).start()) {
            assertThat(responseInformation(plain, "device", 1)).isNull();
        }
    }

    @Test
    void thePrefixMayNotHoldWildcards() {
        assertThatThrownBy(() -> Broker.builder().responseInformation("response/#"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutProblemInformationRefusalsInAcknowledgementsCarryNoReasonStringNorUserProperty() {
        MqttProperties noProblemInformation = new MqttProperties();
        noProblemInformation.add(new MqttProperties.IntegerProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION, 0));
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("device").properties(noProblemInformation))) {
            client.send(publish(MqttQoS.AT_LEAST_ONCE, 1));
            MqttMessage puback = client.expect(MqttMessageType.PUBACK);
            client.send(publish(MqttQoS.EXACTLY_ONCE, 2));
            MqttMessage pubrec = client.expect(MqttMessageType.PUBREC);
            client.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE,
                    false, 0), MqttMessageIdVariableHeader.from(9)));
            MqttMessage pubcomp = client.expect(MqttMessageType.PUBCOMP);
            client.send(MqttMessageBuilders.subscribe().messageId(3).addSubscription(MqttQoS.AT_LEAST_ONCE,
                    "forbidden/#").build());
            MqttMessage suback = client.expect(MqttMessageType.SUBACK);
            client.send(MqttMessageBuilders.unsubscribe().messageId(4).addTopicFilter("never/subscribed").build());
            MqttMessage unsuback = client.expect(MqttMessageType.UNSUBACK);

            // MQTT-3.1.2-29
            assertThat(RawMqtt5Client.reasonCode(puback)).isEqualTo(0x87);
            assertThat(RawMqtt5Client.reasonCode(pubrec)).isEqualTo(0x87);
            assertThat(RawMqtt5Client.reasonCode(pubcomp)).isEqualTo(0x92);
            for (MqttMessage packet : new MqttMessage[]{puback, pubrec, pubcomp, suback, unsuback}) {
                MqttProperties properties = properties(packet);
                assertThat(properties.getProperty(MqttProperties.REASON_STRING)).as("%s", packet).isNull();
                assertThat(properties.getProperties(MqttProperties.USER_PROPERTY)).as("%s", packet).isEmpty();
            }
        }
    }

    private static MqttMessage publish(MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName("forbidden/topic").qos(qos).messageId(packetId)
                .payload(Unpooled.wrappedBuffer(new byte[]{1})).build();
    }

    private static MqttProperties properties(MqttMessage packet) {
        Object header = packet.variableHeader();
        if (header instanceof MqttPubReplyMessageVariableHeader reply) {
            return reply.properties();
        }
        return ((MqttMessageIdAndPropertiesVariableHeader) header).properties();
    }

    private static Object responseInformation(Broker target, String clientId, Integer request) {
        try (RawMqtt5Client client = RawMqtt5Client.open(target.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket(clientId)
                    .properties(request == null ? new MqttProperties() : requestResponseInformation(request)));
            assertThat(connack.variableHeader().connectReturnCode().byteValue()).isZero();
            MqttProperties.MqttProperty<?> property = connack.variableHeader().properties()
                    .getProperty(MqttProperties.RESPONSE_INFORMATION);
            return property == null ? null : property.value();
        }
    }

    private static MqttProperties requestResponseInformation(int value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.REQUEST_RESPONSE_INFORMATION, value));
        return properties;
    }
}
