package dev.midge.junit.assertions;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which clients connected, and whether and how they disconnected: cleanly, abruptly or for a given reason.
 */
class ClientConnectionsTest {

    private final BrokerWithClients mqtt = new BrokerWithClients();

    @AfterEach
    void close() throws Exception {
        mqtt.close();
    }

    private MqttClient connect(String clientId) throws MqttException {
        return mqtt.connect(clientId, new MqttConnectOptions());
    }

    @Test
    void aConnectedClientIsFound() throws Exception {
        connect("pi-1");

        assertThat(mqtt.broker).hasConnectedClient("pi-1");
    }

    @Test
    void aClientThatNeverConnectedFailsNamingTheClientsThatDid() throws Exception {
        connect("pi-2");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasConnectedClient("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to connect within 200ms, but the broker accepted no"
                        + " CONNECT from it.\n\nClients that did connect:\n  pi-2")
                .hasMessageFindingMatch("pi-2 +→ CONNECT +v4 clean keepAlive=60s tcp");
    }

    @Test
    void aRefusedConnectIsNotAConnectionAndShowsInTheTranscript() {
        mqtt.broker.faults().refuseNextConnect(ConnectCode.BAD_USER_NAME_OR_PASSWORD);
        assertThatThrownBy(() -> connect("pi-1")).isInstanceOf(MqttException.class);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasConnectedClient("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to connect within 200ms, but the broker accepted no"
                        + " CONNECT from it.")
                .hasMessageFindingMatch("pi-1 +← REFUSED +BAD_USER_NAME_OR_PASSWORD");
    }

    @Test
    void aDisconnectionOfAnyKindIsFound() throws Exception {
        connect("pi-1").disconnect();

        assertThat(mqtt.broker).hasDisconnectedClient("pi-1");
    }

    @Test
    void aClientStillConnectedFailsTheDisconnection() throws Exception {
        connect("pi-1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasDisconnectedClient("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to disconnect within 200ms, but it did not"
                        + " disconnect.")
                .hasMessageFindingMatch("pi-1 +→ CONNECT +v4 clean");
    }

    @Test
    void aClientThatSentDisconnectDisconnectedCleanly() throws Exception {
        connect("pi-1").disconnect();

        assertThat(mqtt.broker).hasDisconnectedClient("pi-1").cleanly()
                .withReason(DisconnectReason.CLIENT_DISCONNECTED);
    }

    @Test
    void aDroppedConnectionFailsCleanlyShowingHowItEnded() throws Exception {
        connect("pi-1");
        mqtt.broker.faults().dropConnection("pi-1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasDisconnectedClient("pi-1").cleanly())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to disconnect cleanly (with DISCONNECT) within 200ms,"
                        + " but it disconnected like this:\n  ")
                .hasMessageFindingMatch("pi-1 +DISCONNECT +DROPPED_BY_BROKER");
    }

    @Test
    void aClientThatVanishedWithoutDisconnectDisconnectedAbruptly() throws Exception {
        connect("pi-1").disconnectForcibly(0, 0, false);

        assertThat(mqtt.broker).hasDisconnectedClient("pi-1").abruptly()
                .withReason(DisconnectReason.CONNECTION_LOST);
    }

    @Test
    void aCleanDisconnectionFailsAbruptly() throws Exception {
        connect("pi-1").disconnect();

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasDisconnectedClient("pi-1").abruptly())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to disconnect abruptly (without DISCONNECT) within"
                        + " 200ms, but it disconnected like this:")
                .hasMessageFindingMatch("pi-1 +→ DISCONNECT +CLIENT_DISCONNECTED");
    }

    @Test
    void anotherReasonFailsNamingBothReasons() throws Exception {
        connect("pi-1");
        mqtt.broker.faults().dropConnection("pi-1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasDisconnectedClient("pi-1")
                .withReason(DisconnectReason.KEEP_ALIVE_TIMEOUT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to disconnect with reason KEEP_ALIVE_TIMEOUT within"
                        + " 200ms, but it disconnected like this:")
                .hasMessageFindingMatch("pi-1 +DISCONNECT +DROPPED_BY_BROKER");
    }
}
