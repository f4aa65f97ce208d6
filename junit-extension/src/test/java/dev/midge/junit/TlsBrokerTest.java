package dev.midge.junit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @MqttBroker(tls = true)}: TLS and secure WebSocket listeners, their addresses, and clients that trust the
 * broker's self-signed certificate.
 */
@MqttBroker(tls = true, websocket = true)
class TlsBrokerTest {

    @Test
    void readyMadeClientsConnectOverTlsTrustingTheBrokersCertificate(MqttClients clients, BrokerHandle broker)
            throws Exception {
        MqttClient v3 = clients.v3OverTls("pi-3");
        org.eclipse.paho.mqttv5.client.MqttClient v5 = clients.v5OverTls("pi-5");

        v3.publish("raspberry/topic", "3".getBytes(StandardCharsets.UTF_8), 1, false);
        v5.publish("raspberry/topic", "5".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(broker).received().onTopic("raspberry/topic").within(Duration.ofSeconds(5)).messages(2);
        assertThat(broker).hasConnectedClient("pi-3").hasConnectedClient("pi-5");
    }

    @Test
    void brokerUriInjectsTheSecureAddresses(@BrokerUri(tls = true) URI tls,
                                            @BrokerUri(tls = true, websocket = true) String secureWebsocket,
                                            BrokerHandle broker) {
        assertThat(tls).isEqualTo(broker.tlsUri());
        assertThat(tls.getScheme()).isEqualTo("ssl");
        assertThat(secureWebsocket).isEqualTo("wss://127.0.0.1:" + broker.broker().secureWebsocketPort() + "/mqtt");
    }

    @Test
    void theApplicationsOwnClientConnectsOverSecureWebSocketWithTheCertificate(BrokerHandle broker)
            throws Exception {
        MqttClient client = new MqttClient(broker.secureWebsocketUri().toString(), "browser-like",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(broker.certificate().socketFactory());
        client.connect(options);
        try {
            assertThat(broker).hasConnectedClient("browser-like");
        } finally {
            client.disconnect();
            client.close();
        }
    }
}
