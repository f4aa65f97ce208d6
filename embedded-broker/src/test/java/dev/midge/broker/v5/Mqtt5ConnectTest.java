package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CONNECT and CONNACK between the broker and MQTT 5 clients: what the broker tells a client it supports, the
 * identifier it assigns, the keep-alive it imposes, and every refusal reason code the spec gives a server.
 */
class Mqtt5ConnectTest {

    private final Broker broker = Broker.builder().port(0).maxPacketSize(4096).maxInflightMessages(10).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void connackTellsTheClientWhatTheBrokerSupports() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device"));

            MqttProperties properties = connack.variableHeader().properties();
            assertThat(connack.variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(intProperty(properties, MqttProperties.RETAIN_AVAILABLE)).isEqualTo(1);
            assertThat(intProperty(properties, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE)).isEqualTo(1);
            assertThat(intProperty(properties, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE)).isEqualTo(1);
            assertThat(intProperty(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE)).isEqualTo(1);
            assertThat(intProperty(properties, MqttProperties.MAXIMUM_PACKET_SIZE)).isEqualTo(4096);
            assertThat(intProperty(properties, MqttProperties.RECEIVE_MAXIMUM)).isEqualTo(10);
            assertThat(intProperty(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM)).isPositive();
            // An absent Maximum QoS is how a server says it supports QoS 2.
            assertThat(properties.getProperty(MqttProperties.MAXIMUM_QOS)).isNull();
            assertThat(properties.getProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER)).isNull();
            assertThat(properties.getProperty(MqttProperties.SERVER_KEEP_ALIVE)).isNull();
        }
    }

    @Test
    void pahoSeesTheCapabilitiesAndMaximumQosTwo() throws Exception {
        MqttClient client = clients.create("device", new V5MessageCollector());
        IMqttToken token = client.connectWithResult(PahoV5Clients.options());

        var properties = token.getResponseProperties();
        assertThat(properties.isRetainAvailable()).isTrue();
        assertThat(properties.isSharedSubscriptionAvailable()).isTrue();
        assertThat(properties.isSubscriptionIdentifiersAvailable()).isTrue();
        assertThat(properties.isWildcardSubscriptionsAvailable()).isTrue();
        assertThat(properties.getMaximumQoS()).isNull();
        client.publish("t", "exactly once".getBytes(StandardCharsets.UTF_8), 2, false);
    }

    @Test
    void aClientWithAnEmptyIdentifierIsAssignedOne() throws Exception {
        MqttClient client = clients.create("", new V5MessageCollector());
        IMqttToken token = client.connectWithResult(PahoV5Clients.options());

        String assigned = token.getResponseProperties().getAssignedClientIdentifier();
        assertThat(assigned).isNotBlank();
        assertThat(broker.connectedClients()).containsExactly(assigned);
    }

    @Test
    void anUnsupportedAuthenticationMethodIsRefusedWithBadAuthenticationMethod() {
        MqttConnectionOptions options = PahoV5Clients.options();
        options.setAuthMethod("SCRAM-SHA-256");
        MqttClient client = clients.create("device", new V5MessageCollector());

        assertThatThrownBy(() -> client.connect(options)).isInstanceOfSatisfying(MqttException.class,
                e -> assertThat(e.getReasonCode()).isEqualTo(0x8C));
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void theBadAuthenticationMethodRefusalSaysWhyInAReasonString() {
        MqttProperties auth = new MqttProperties();
        auth.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-256"));
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device").properties(auth));

            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x8C);
            assertThat((String) connack.variableHeader().properties().getProperty(MqttProperties.REASON_STRING)
                    .value()).contains("SCRAM-SHA-256");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConnectCode.class, mode = EnumSource.Mode.EXCLUDE, names = "ACCEPTED")
    void everyRefusalReachesAnMqtt5ClientAsItsReasonCode(ConnectCode code) {
        broker.refuseNextConnects(code, 1);
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device"));

            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(code.reasonCode());
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void aWillDeclaredUtf8ThatIsNotIsRefusedWithPayloadFormatInvalid() {
        MqttProperties willProperties = new MqttProperties();
        willProperties.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        MqttMessageBuilders.ConnectBuilder connect = RawMqtt5Client.connectPacket("device").willFlag(true)
                .willTopic("status").willMessage(new byte[]{(byte) 0xC3, 0x28}).willProperties(willProperties);
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(connect);

            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x99);
        }
    }

    private static int intProperty(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(id);
        assertThat(property).as("property 0x%02X", id).isNotNull();
        return (Integer) property.value();
    }
}
