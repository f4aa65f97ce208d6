package dev.midge.junit;

import dev.midge.broker.Broker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a test can ask for, in constructors, lifecycle methods and test methods.
 */
@MqttBroker(websocket = true)
class ParameterInjectionTest {

    private final BrokerHandle fromConstructor;
    private BrokerHandle fromBeforeEach;

    ParameterInjectionTest(BrokerHandle broker) {
        this.fromConstructor = broker;
    }

    @BeforeEach
    void remember(BrokerHandle broker) {
        this.fromBeforeEach = broker;
    }

    @Test
    void constructorsLifecycleMethodsAndTestsGetTheSameBroker(BrokerHandle broker) {
        assertThat(fromConstructor).isSameAs(broker);
        assertThat(fromBeforeEach).isSameAs(broker);
    }

    @Test
    void brokerUriComesAsStringOrUri(@BrokerUri String text, @BrokerUri URI uri, BrokerHandle broker) {
        assertThat(text).isEqualTo("tcp://127.0.0.1:" + broker.port());
        assertThat(uri).isEqualTo(broker.uri());
    }

    @Test
    void websocketUriPointsAtTheMqttPath(@BrokerUri(websocket = true) URI uri) {
        assertThat(uri.getScheme()).isEqualTo("ws");
        assertThat(uri.getPath()).isEqualTo("/mqtt");
    }

    @Test
    void theBrokerItselfAndItsRecordingCanBeInjected(Broker broker, Recording recording, BrokerHandle handle) {
        assertThat(broker).isSameAs(handle.broker());
        assertThat(recording).isSameAs(handle.recording());
    }

    @Test
    void clientsConnectToTheTestBroker(MqttClients clients, BrokerHandle broker) throws Exception {
        MqttClient tcp = clients.v3("over-tcp");
        MqttClient websocket = clients.v3OverWebSocket("over-websocket");
        org.eclipse.paho.mqttv5.client.MqttClient v5 = clients.v5("version-5");

        assertThat(tcp.isConnected()).isTrue();
        assertThat(websocket.isConnected()).isTrue();
        assertThat(v5.isConnected()).isTrue();
        assertThat(broker.connectedClients()).containsExactlyInAnyOrder("over-tcp", "over-websocket", "version-5");
    }
}
