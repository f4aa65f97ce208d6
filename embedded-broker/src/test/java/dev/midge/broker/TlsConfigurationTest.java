package dev.midge.broker;

import dev.midge.broker.internal.tls.TlsIdentity;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user's own certificate, and what the builder and broker say when TLS is asked for wrongly.
 */
class TlsConfigurationTest {

    @TempDir
    Path files;

    @Test
    void theUsersCertificateIsPresentedInsteadOfASelfSignedOne() throws Exception {
        TlsIdentity own = TlsIdentity.selfSigned();
        Path chain = Files.writeString(files.resolve("chain.pem"), own.certificateChainPem());
        Path key = Files.writeString(files.resolve("key.pem"), own.privateKeyPem());

        try (Broker broker = Broker.builder().port(0).tlsPort(0).tlsCertificate(chain, key).start();
             PahoClients clients = new PahoClients(broker.tlsUri())) {
            assertThat(broker.certificate().x509()).isEqualTo(own.certificate());
            MqttConnectOptions options = PahoClients.options();
            options.setSocketFactory(own.clientContext().getSocketFactory());
            assertThat(clients.connect("pi", new MessageCollector(), options).isConnected()).isTrue();
        }
    }

    @Test
    void theTlsListenerComesBackOnItsPortAfterAnOutage() throws Exception {
        try (Broker broker = Broker.builder().port(0).tlsPort(0).start();
             PahoClients clients = new PahoClients(broker.tlsUri())) {
            int port = broker.tlsPort();
            broker.suspend();
            broker.resume();

            assertThat(broker.tlsPort()).isEqualTo(port);
            MqttConnectOptions options = PahoClients.options();
            options.setSocketFactory(broker.certificate().socketFactory());
            assertThat(clients.connect("back", new MessageCollector(), options).isConnected()).isTrue();
        }
    }

    @Test
    void aCertificateWithoutATlsListenerIsRefusedSayingWhatToAdd() throws IOException {
        Path chain = Files.writeString(files.resolve("chain.pem"), "");
        BrokerBuilder builder = Broker.builder().port(0).tlsCertificate(chain, chain);

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tlsPort(8883)")
                .hasMessageContaining("secureWebsocketPort(8084)");
    }

    @Test
    void aMissingOrWrongCertificateFileIsNamed() throws IOException {
        Path missing = files.resolve("missing.pem");
        Path notPem = Files.writeString(files.resolve("notes.txt"), "not a certificate");
        TlsIdentity identity = TlsIdentity.selfSigned();
        Path chain = Files.writeString(files.resolve("chain.pem"), identity.certificateChainPem());
        Path key = Files.writeString(files.resolve("key.pem"), identity.privateKeyPem());

        assertThatThrownBy(() -> Broker.builder().port(0).tlsPort(0).tlsCertificate(missing, key).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Broker.builder().port(0).tlsPort(0).tlsCertificate(notPem, key).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notPem.toString());
        assertThatThrownBy(() -> Broker.builder().port(0).tlsPort(0).tlsCertificate(chain, notPem).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notPem.toString());
    }

    @Test
    void aBrokerWithoutTlsSaysHowToGetIt() {
        try (Broker broker = Broker.builder().port(0).start()) {
            assertThatThrownBy(broker::tlsPort).hasMessageContaining("tlsPort(0)");
            assertThatThrownBy(broker::secureWebsocketUri).hasMessageContaining("secureWebsocketPort(0)");
            assertThatThrownBy(broker::certificate).hasMessageContaining("tlsPort(0)");
        }
    }

    @Test
    void tlsPortsAreChecked() {
        assertThatThrownBy(() -> Broker.builder().tlsPort(70000)).hasMessageContaining("tlsPort");
        assertThatThrownBy(() -> Broker.builder().secureWebsocketPort(-1)).hasMessageContaining("secureWebsocketPort");
    }
}
