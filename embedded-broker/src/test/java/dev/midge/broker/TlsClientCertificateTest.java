package dev.midge.broker;

import dev.midge.broker.internal.tls.TlsIdentity;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS listeners that ask clients for a certificate: trusted ones get through and reach the authenticator, the
 * others fail their handshake, and the plain listener beside them asks for nothing.
 */
class TlsClientCertificateTest {

    private static final char[] NO_PASSWORD = new char[0];

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
        String base64 = client.privateKeyPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, NO_PASSWORD, new Certificate[] {client.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, NO_PASSWORD);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("broker", broker.certificate().x509());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        MqttConnectOptions options = PahoClients.options();
        options.setSocketFactory(context.getSocketFactory());
        return options;
    }
}
