package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT over TLS and over secure WebSocket, with the self-signed certificate the broker makes for loopback.
 */
class TlsTransportTest {

    private final Broker broker = Broker.builder().port(0).tlsPort(0).secureWebsocketPort(0).start();
    private final PahoClients tlsClients = new PahoClients(broker.tlsUri());
    private final PahoClients plainClients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        tlsClients.close();
        plainClients.close();
        broker.close();
    }

    @Test
    void aClientTrustingTheBrokersCertificateExchangesMessagesOverTls() throws Exception {
        MessageCollector overTls = new MessageCollector();
        try (EventRecorder events = EventRecorder.on(broker)) {
            MqttClient client = tlsClients.connect("tls-client", overTls, trusting());
            client.subscribe("raspberry/topic", 1);
            plainClients.connect("tcp-client", new MessageCollector())
                    .publish("raspberry/topic", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(overTls.next().payload()).isEqualTo("21.5");
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> e.clientId().equals("tls-client"))
                    .transport()).isEqualTo(Transport.TLS);
        }
    }

    @Test
    void theSelfSignedCertificateNamesLoopbackSoHostNameChecksPass() throws Exception {
        List<String> names = broker.certificate().x509().getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1)))
                .toList();
        assertThat(names).containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");

        MqttConnectOptions checking = trusting();
        checking.setHttpsHostnameVerificationEnabled(true);
        PahoClients byName = new PahoClients(URI.create("ssl://localhost:" + broker.tlsPort()));
        try (byName) {
            assertThat(byName.connect("by-name", new MessageCollector(), checking).isConnected()).isTrue();
            assertThat(tlsClients.connect("by-address", new MessageCollector(), checking).isConnected()).isTrue();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsItsHandshakeAndOthersKeepWorking() throws Exception {
        assertThatThrownBy(() -> tlsClients.connect("untrusting", new MessageCollector(), PahoClients.options()))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLException.class));

        assertThat(tlsClients.connect("trusting", new MessageCollector(), trusting()).isConnected()).isTrue();
    }

    @Test
    void plainMqttSentToTheTlsPortIsClosedAtOnce() throws Exception {
        try (RawMqttClient plain = RawMqttClient.open(broker.tlsPort())) {
            plain.send(ConnectPacket.mqtt311("plain").build());

            assertThat(plain.isClosedWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(plainClients.connect("still-served", new MessageCollector()).isConnected()).isTrue();
    }

    @Test
    void aClientExchangesMessagesOverSecureWebSocket() throws Exception {
        MessageCollector overWss = new MessageCollector();
        try (PahoClients wssClients = new PahoClients(broker.secureWebsocketUri());
             EventRecorder events = EventRecorder.on(broker)) {
            MqttClient client = wssClients.connect("wss-client", overWss, trusting());
            client.subscribe("raspberry/status", 1);
            broker.publish(Message.of("raspberry/status", "On"));

            assertThat(overWss.next().payload()).isEqualTo("On");
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> e.clientId().equals("wss-client"))
                    .transport()).isEqualTo(Transport.SECURE_WEBSOCKET);
        }
    }

    @Test
    void theUrisNameTheSchemesPahoTakes() {
        assertThat(broker.tlsUri()).hasToString("ssl://127.0.0.1:" + broker.tlsPort());
        assertThat(broker.secureWebsocketUri()).hasToString("wss://127.0.0.1:" + broker.secureWebsocketPort()
                + "/mqtt");
        assertThat(broker.certificate().pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    private MqttConnectOptions trusting() {
        MqttConnectOptions options = PahoClients.options();
        options.setSocketFactory(broker.certificate().socketFactory());
        return options;
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
