package dev.midge.samples.connect;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.BrokerUri;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect check names every CONNACK outcome correctly, each produced by a broker configured to answer it.
 */
class ConnectCheckTest {

    private static ConnectResult check(String brokerUrl) {
        return new ConnectCheck(MqttSettings.of(brokerUrl, "pi-connect-check")).run();
    }

    @Test
    @MqttBroker
    void reportsSuccessWhenTheBrokerAcceptsTheConnection(@BrokerUri String uri) {
        assertThat(check(uri)).isEqualTo(ConnectResult.CONNECTED);
        assertThat(ConnectResult.CONNECTED.words()).isEqualTo("connection succeeded");
    }

    @Test
    @MqttBroker(users = "pi:raspberry")
    void reportsWrongUsernameOrPasswordWhenThePasswordIsWrong(@BrokerUri String uri) {
        ConnectResult outcome = new ConnectCheck(MqttSettings.of(uri, "pi-connect-check")
                .withCredentials("pi", "blueberry")).run();

        assertThat(outcome).isEqualTo(ConnectResult.BAD_USER_NAME_OR_PASSWORD);
        assertThat(outcome.returnCode()).isEqualTo(4);
        assertThat(outcome.words()).isEqualTo("connection failed - wrong username or password");
    }

    @Test
    @MqttBroker(users = "pi:raspberry")
    void connectsWithTheRightPassword(@BrokerUri String uri) {
        ConnectResult outcome = new ConnectCheck(MqttSettings.of(uri, "pi-connect-check")
                .withCredentials("pi", "raspberry")).run();

        assertThat(outcome).isEqualTo(ConnectResult.CONNECTED);
    }

    @Test
    @MqttBroker(protocolVersions = 5)
    void reportsAnIncorrectProtocolVersionWhenTheBrokerOnlySpeaksMqtt5(@BrokerUri String uri) {
        ConnectResult outcome = check(uri);

        assertThat(outcome).isEqualTo(ConnectResult.BAD_PROTOCOL_VERSION);
        assertThat(outcome.returnCode()).isEqualTo(1);
        assertThat(outcome.words()).isEqualTo("connection failed - incorrect protocol version");
    }

    @Test
    void reportsAnInvalidClientIdentifierWhenTheBrokerRejectsTheIdentifier() {
        try (Broker broker = Broker.builder().port(0)
                .authenticator(request -> request.clientId().startsWith("sensor-")
                        ? ConnectCode.ACCEPTED
                        : ConnectCode.IDENTIFIER_REJECTED)
                .start()) {
            ConnectResult outcome = check(broker.uri().toString());

            assertThat(outcome).isEqualTo(ConnectResult.IDENTIFIER_REJECTED);
            assertThat(outcome.returnCode()).isEqualTo(2);
            assertThat(outcome.words()).isEqualTo("connection failed - invalid client identifier");
        }
    }

    @Test
    void reportsThatTheBrokerIsNotAvailableWhenItHasNoRoomForAnotherClient() throws Exception {
        try (Broker broker = Broker.builder().port(0).maxConnections(1).start();
             MqttClient first = new MqttClient(broker.uri().toString(), "the-only-allowed-client",
                     new MemoryPersistence())) {
            first.connect();
            try {
                ConnectResult outcome = check(broker.uri().toString());

                assertThat(outcome).isEqualTo(ConnectResult.BROKER_UNAVAILABLE);
                assertThat(outcome.returnCode()).isEqualTo(3);
                assertThat(outcome.words()).isEqualTo("connection failed - the broker is not available");
            } finally {
                first.disconnect();
            }
        }
    }

    @Test
    void reportsUnauthorizedWhenTheUserMayNotConnect() {
        try (Broker broker = Broker.builder().port(0)
                .authenticator(request -> "guest".equals(request.username())
                        ? ConnectCode.NOT_AUTHORIZED
                        : ConnectCode.ACCEPTED)
                .start()) {
            ConnectResult outcome = new ConnectCheck(MqttSettings.of(broker.uri().toString(), "pi-connect-check")
                    .withCredentials("guest", "guest")).run();

            assertThat(outcome).isEqualTo(ConnectResult.NOT_AUTHORIZED);
            assertThat(outcome.returnCode()).isEqualTo(5);
            assertThat(outcome.words()).isEqualTo("connection failed - unauthorized");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConnectCode.class, names = {"UNSUPPORTED_PROTOCOL_VERSION", "IDENTIFIER_REJECTED",
        "SERVER_UNAVAILABLE", "BAD_USER_NAME_OR_PASSWORD", "NOT_AUTHORIZED"})
    @MqttBroker
    void reportsTheRefusalTheBrokerIsToldToAnswer(ConnectCode refusal, BrokerHandle broker) {
        broker.faults().refuseNextConnect(refusal);

        ConnectResult outcome = check(broker.uri().toString());

        assertThat(outcome.returnCode()).isEqualTo(refusal.returnCode());
        assertThat(broker.recording().events(BrokerEvent.ConnectionRefused.class))
                .singleElement()
                .satisfies(refused -> assertThat(refused.code()).isEqualTo(refusal));
    }

    @Test
    @MqttBroker
    void reportsThatNoBrokerAnsweredWhileTheBrokerIsDown(BrokerHandle broker) {
        broker.faults().takeBrokerDown();

        ConnectResult outcome = check(broker.uri().toString());

        assertThat(outcome).isEqualTo(ConnectResult.NO_BROKER);
        assertThat(outcome.words()).startsWith("connection failed - no broker answered");
    }

    @Test
    void returnCodesTheTableDoesNotDefineAreReportedAsUndefined() {
        assertThat(ConnectResult.ofReturnCode(6)).isEqualTo(ConnectResult.UNDEFINED);
        assertThat(ConnectResult.ofReturnCode(255)).isEqualTo(ConnectResult.UNDEFINED);
        assertThat(ConnectResult.ofReturnCode(5)).isEqualTo(ConnectResult.NOT_AUTHORIZED);
    }
}
