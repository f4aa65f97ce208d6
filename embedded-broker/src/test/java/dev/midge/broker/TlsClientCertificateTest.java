package dev.midge.broker;

import dev.midge.broker.internal.tls.TlsIdentity;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS listeners that ask clients for a certificate: trusted ones get through and reach the authenticator, the
 * others fail their handshake, and the plain listener beside them asks for nothing.
 */
class TlsClientCertificateTest {

    private final TlsIdentity device = TlsIdentity.selfSigned("pi-42");
    private final List<String> subjectsSeen = new CopyOnWriteArrayList<>();
    private Broker broker;

    @AfterEach
    void tearDown() {
        if (broker != null) {
            broker.close();
        }
    }

    private Broker start(Path files) throws IOException {
        Path trusted = Files.writeString(files.resolve("devices.pem"), device.certificateChainPem());
        broker = Broker.builder().port(0).tlsPort(0).tlsClientCertificates(trusted)
                .authenticator(request -> {
                    subjectsSeen.add(request.certificate() == null ? "none"
                            : request.certificate().getSubjectX500Principal().getName());
                    return ConnectCode.ACCEPTED;
                })
                .start();
        return broker;
    }

    @Test
    void aClientWithATrustedCertificateConnectsAndTheAuthenticatorSeesIt(@TempDir Path files) throws Exception {
        start(files);
        try (PahoClients clients = new PahoClients(broker.tlsUri())) {
            assertThat(clients.connect("pi", new MessageCollector(), presenting(device)).isConnected()).isTrue();
        }
        assertThat(subjectsSeen).containsExactly("CN=pi-42");
    }

    @Test
    void aClientWithoutACertificateOrWithAnotherOneIsTurnedAwayInTheHandshake(@TempDir Path files) throws Exception {
        start(files);
        try (PahoClients clients = new PahoClients(broker.tlsUri());
             EventRecorder events = EventRecorder.on(broker)) {
            MqttConnectOptions trustingOnly = PahoClients.options();
            trustingOnly.setSocketFactory(broker.certificate().socketFactory());

            assertThatThrownBy(() -> clients.connect("anonymous", new MessageCollector(), trustingOnly))
                    .isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> clients.connect("intruder", new MessageCollector(),
                    presenting(TlsIdentity.selfSigned("intruder")))).isInstanceOf(MqttException.class);

            assertThat(clients.connect("pi", new MessageCollector(), presenting(device)).isConnected()).isTrue();
            assertThat(events.all(BrokerEvent.ClientConnected.class)).extracting(BrokerEvent.ClientConnected::clientId)
                    .containsExactly("pi");
        }
        assertThat(subjectsSeen).containsExactly("CN=pi-42");
    }

    @Test
    void thePlainListenerAsksForNoCertificate(@TempDir Path files) throws Exception {
        start(files);
        try (PahoClients clients = new PahoClients(broker.uri())) {
            assertThat(clients.connect("plain", new MessageCollector()).isConnected()).isTrue();
        }
        assertThat(subjectsSeen).containsExactly("none");
    }

    @Test
    void trustedClientCertificatesNeedATlsListenerAndAReadableFile(@TempDir Path files) throws IOException {
        Path empty = Files.writeString(files.resolve("empty.pem"), "");

        assertThatThrownBy(() -> Broker.builder().port(0).tlsClientCertificates(empty).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tlsClientCertificates(...) was given but there is no TLS listener");
        assertThatThrownBy(() -> Broker.builder().port(0).tlsPort(0).tlsClientCertificates(empty).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString());
    }

    private MqttConnectOptions presenting(TlsIdentity client) throws Exception {
        MqttConnectOptions options = PahoClients.options();
        options.setSocketFactory(TlsContexts.presenting(client, broker.certificate().x509()).getSocketFactory());
        return options;
    }
}
