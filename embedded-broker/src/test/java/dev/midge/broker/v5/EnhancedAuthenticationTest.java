package dev.midge.broker.v5;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.ScramCredential;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.ScramClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT 5 enhanced authentication (section 4.12) over real connections: SCRAM-SHA-256 driven by a SCRAM client of the
 * tests' own, the rules of the AUTH exchange, its bounds, and re-authentication.
 */
class EnhancedAuthenticationTest {

    private static final String SCRAM = "SCRAM-SHA-256";
    private static final Map<String, ScramCredential> USERS = Map.of(
            "pi", ScramCredential.fromPassword("raspberry"),
            "dashboard", ScramCredential.fromPassword("s3cret"));
    private static final AuthenticationMethod ENDLESS = new AuthenticationMethod() {
        @Override
        public String name() {
            return "ENDLESS";
        }

        @Override
        public AuthenticationExchange start(ConnectRequest request) {
            return data -> AuthenticationStep.challenge(new byte[]{1});
        }
    };

    private final Broker broker = Broker.builder().port(0)
            .enhancedAuthentication(AuthenticationMethod.scramSha256(USERS))
            .enhancedAuthentication(ENDLESS)
            .start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void aScramClientIsAcceptedAfterTheAuthExchangeAndFindsTheBrokerAuthentic() {
        ScramClient scram = ScramClient.of("pi", "raspberry");
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            client.send(connect("device", SCRAM, scram.clientFirst()).build());

            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            // MQTT-4.12.0-2: continue authentication; MQTT-4.12.0-5: the CONNECT's method on every AUTH.
            assertThat(RawMqtt5Client.reasonCode(challenge)).isEqualTo(0x18);
            assertThat(method(properties(challenge))).isEqualTo(SCRAM);
            client.send(auth(0x18, SCRAM, scram.clientFinal(data(properties(challenge)))));
            MqttConnAckMessage connack = (MqttConnAckMessage) client.expect(MqttMessageType.CONNACK);

            assertThat(connack.variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(method(connack.variableHeader().properties())).isEqualTo(SCRAM);
            assertThat(scram.serverIsAuthentic(data(connack.variableHeader().properties()))).isTrue();
        }
        assertThat(events.await(BrokerEvent.ClientConnected.class, e -> e.clientId().equals("device")).username())
                .isEqualTo("pi");
    }

    @Test
    void aWrongPasswordIsRefusedAsBadUserNameOrPasswordAndReported() {
        ScramClient scram = ScramClient.of("pi", "banana");

        assertThat(scramConnect("device", scram)).isEqualTo(ConnectCode.BAD_USER_NAME_OR_PASSWORD.reasonCode());
        assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> e.clientId().equals("device")).code())
                .isEqualTo(ConnectCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void anUnknownMethodIsRefusedWithBadAuthenticationMethodNamingTheBrokersOnes() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(connect("device", "KERBEROS", new byte[0]));

            // MQTT-4.12.0-1
            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x8C);
            assertThat((String) connack.variableHeader().properties().getProperty(MqttProperties.REASON_STRING)
                    .value()).contains("KERBEROS", SCRAM, "ENDLESS");
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }
        assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> true).code())
                .isEqualTo(ConnectCode.BAD_AUTHENTICATION_METHOD);
    }

    @Test
    void aPublishBeforeConnackIsAProtocolError() {
        ScramClient scram = ScramClient.of("pi", "raspberry");
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            client.send(connect("device", SCRAM, scram.clientFirst()).build());
            client.expect(MqttMessageType.AUTH);
            // MQTT-3.1.2-30: nothing but AUTH or DISCONNECT until CONNACK.
            client.send(MqttMessageBuilders.publish().topicName("early").qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.EMPTY_BUFFER).build());

            assertThat(connackCode(client.expect(MqttMessageType.CONNACK))).isEqualTo(0x82);
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void anAuthNamingAnotherMethodDuringTheExchangeIsAProtocolError() {
        ScramClient scram = ScramClient.of("pi", "raspberry");
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            client.send(connect("device", SCRAM, scram.clientFirst()).build());
            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            // MQTT-4.12.0-5
            client.send(auth(0x18, "SCRAM-SHA-1", scram.clientFinal(data(properties(challenge)))));

            assertThat(connackCode(client.expect(MqttMessageType.CONNACK))).isEqualTo(0x82);
        }
    }

    @Test
    void aClientThatNamedNoMethodGetsNoneInConnackAndMayNotSendAuth() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("plain"));
            // MQTT-4.12.0-6
            assertThat(connack.variableHeader().properties().getProperty(MqttProperties.AUTHENTICATION_METHOD))
                    .isNull();

            // MQTT-4.12.0-7
            client.send(auth(0x19, SCRAM, ScramClient.of("pi", "raspberry").clientFirst()));

            assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x82);
        }
    }

    @Test
    void reauthenticationEndsWithAuthSuccessWhileOtherPacketsFlow() {
        try (RawMqtt5Client client = scramConnected("device", "pi", "raspberry")) {
            ScramClient again = ScramClient.of("pi", "raspberry");
            client.send(auth(0x19, SCRAM, again.clientFirst()));
            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            client.send(MqttMessageBuilders.publish().topicName("during").qos(MqttQoS.AT_LEAST_ONCE).messageId(1)
                    .payload(Unpooled.wrappedBuffer(new byte[]{1})).build());
            assertThat(client.expect(MqttMessageType.PUBACK)).isNotNull();
            client.send(auth(0x18, SCRAM, again.clientFinal(data(properties(challenge)))));

            MqttMessage success = client.expect(MqttMessageType.AUTH);
            assertThat(RawMqtt5Client.reasonCode(success)).isZero();
            assertThat(method(properties(success))).isEqualTo(SCRAM);
            assertThat(again.serverIsAuthentic(data(properties(success)))).isTrue();
            client.ping();
        }
    }

    @Test
    void aFailedReauthenticationEndsTheConnectionWithNotAuthorized() {
        try (RawMqtt5Client client = scramConnected("device", "pi", "raspberry")) {
            ScramClient wrong = ScramClient.of("pi", "banana");
            client.send(auth(0x19, SCRAM, wrong.clientFirst()));
            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            client.send(auth(0x18, SCRAM, wrong.clientFinal(data(properties(challenge)))));

            // MQTT-4.12.1-2
            assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x87);
        }
    }

    @Test
    void reauthenticationAsAnotherUserIsRefused() {
        try (RawMqtt5Client client = scramConnected("device", "pi", "raspberry")) {
            ScramClient other = ScramClient.of("dashboard", "s3cret");
            client.send(auth(0x19, SCRAM, other.clientFirst()));
            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            client.send(auth(0x18, SCRAM, other.clientFinal(data(properties(challenge)))));

            assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x87);
        }
    }

    @Test
    void reauthenticationWithAnotherMethodIsAProtocolError() {
        try (RawMqtt5Client client = scramConnected("device", "pi", "raspberry")) {
            // MQTT-4.12.1-1
            client.send(auth(0x19, "ENDLESS", new byte[0]));

            assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(0x82);
        }
    }

    @Test
    void anExchangeThatNeverEndsIsRefusedAfterTenClientMessages() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            client.send(connect("device", "ENDLESS", new byte[0]).build());
            int challenges = 0;
            MqttMessage packet = client.read();
            while (packet.fixedHeader().messageType() == MqttMessageType.AUTH) {
                challenges++;
                client.send(auth(0x18, "ENDLESS", new byte[]{2}));
                packet = client.read();
            }

            assertThat(challenges).isEqualTo(9);
            assertThat(connackCode(packet)).isEqualTo(0x87);
        }
    }

    @Test
    void anExchangeMustEndWithinTheConnectTimeout() {
        try (Broker impatient = Broker.builder().port(0).connectTimeout(Duration.ofSeconds(1))
                .enhancedAuthentication(ENDLESS).start();
             RawMqtt5Client client = RawMqtt5Client.open(impatient.port())) {
            client.send(connect("device", "ENDLESS", new byte[0]).build());
            client.expect(MqttMessageType.AUTH);

            List<MqttMessage> rest = client.awaitClosed(Duration.ofSeconds(5));

            assertThat(rest).hasSize(1);
            assertThat(connackCode(rest.get(0))).isEqualTo(0x87);
            assertThat((String) ((MqttConnAckMessage) rest.get(0)).variableHeader().properties()
                    .getProperty(MqttProperties.REASON_STRING).value()).contains("connect timeout");
        }
    }

    @Test
    void onVirtualTimeTheExchangeEndsWhenTheConnectTimeoutHasPassed() {
        try (Broker impatient = Broker.builder().port(0).connectTimeout(Duration.ofSeconds(1)).virtualTime()
                .enhancedAuthentication(ENDLESS).start();
             RawMqtt5Client client = RawMqtt5Client.open(impatient.port())) {
            client.send(connect("device", "ENDLESS", new byte[0]).build());
            client.expect(MqttMessageType.AUTH);

            impatient.virtualTime().advance(Duration.ofSeconds(1));

            List<MqttMessage> rest = client.awaitClosed(Duration.ofSeconds(5));
            assertThat(rest).hasSize(1);
            assertThat(connackCode(rest.get(0))).isEqualTo(0x87);
        }
    }

    @Test
    void clientsThatNameNoMethodAreLeftToTheAuthenticator() {
        try (Broker strict = Broker.builder().port(0).authenticator(request -> ConnectCode.NOT_AUTHORIZED)
                .enhancedAuthentication(AuthenticationMethod.scramSha256(USERS)).start();
             RawMqtt5Client plain = RawMqtt5Client.open(strict.port())) {
            assertThat(connackCode(plain.connack(RawMqtt5Client.connectPacket("plain")))).isEqualTo(0x87);
            scramConnected(strict.port(), "device", "pi", "raspberry").close();
        }
    }

    @Test
    void twoMethodsMayNotShareAName() {
        assertThatThrownBy(() -> Broker.builder().enhancedAuthentication(ENDLESS).enhancedAuthentication(ENDLESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENDLESS");
    }

    private int scramConnect(String clientId, ScramClient scram) {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            client.send(connect(clientId, SCRAM, scram.clientFirst()).build());
            MqttMessage challenge = client.expect(MqttMessageType.AUTH);
            client.send(auth(0x18, SCRAM, scram.clientFinal(data(properties(challenge)))));
            return connackCode(client.expect(MqttMessageType.CONNACK));
        }
    }

    private RawMqtt5Client scramConnected(String clientId, String user, String password) {
        return scramConnected(broker.port(), clientId, user, password);
    }

    private static RawMqtt5Client scramConnected(int port, String clientId, String user, String password) {
        ScramClient scram = ScramClient.of(user, password);
        RawMqtt5Client client = RawMqtt5Client.open(port);
        client.send(connect(clientId, SCRAM, scram.clientFirst()).build());
        MqttMessage challenge = client.expect(MqttMessageType.AUTH);
        client.send(auth(0x18, SCRAM, scram.clientFinal(data(properties(challenge)))));
        assertThat(connackCode(client.expect(MqttMessageType.CONNACK))).isZero();
        return client;
    }

    private static MqttMessageBuilders.ConnectBuilder connect(String clientId, String method, byte[] data) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method));
        if (data.length > 0) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
        }
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION, 0));
        return RawMqtt5Client.connectPacket(clientId).properties(properties);
    }

    private static MqttMessage auth(int reasonCode, String method, byte[] data) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
        return MqttMessageBuilders.auth().reasonCode((byte) reasonCode).properties(properties).build();
    }

    private static MqttProperties properties(MqttMessage auth) {
        MqttProperties properties = ((MqttReasonCodeAndPropertiesVariableHeader) auth.variableHeader()).properties();
        // MQTT-3.1.2-29: the client asked for no problem information, and AUTH is not among the packets that may
        // carry it anyway.
        assertThat(properties.getProperty(MqttProperties.REASON_STRING)).isNull();
        assertThat(properties.getProperties(MqttProperties.USER_PROPERTY)).isEmpty();
        return properties;
    }

    private static String method(MqttProperties properties) {
        return (String) properties.getProperty(MqttProperties.AUTHENTICATION_METHOD).value();
    }

    private static byte[] data(MqttProperties properties) {
        MqttProperties.MqttProperty<?> data = properties.getProperty(MqttProperties.AUTHENTICATION_DATA);
        assertThat(data).as("Authentication Data").isNotNull();
        return (byte[]) data.value();
    }

    private static int connackCode(MqttMessage packet) {
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
        return ((MqttConnAckMessage) packet).variableHeader().connectReturnCode().byteValue() & 0xFF;
    }
}
