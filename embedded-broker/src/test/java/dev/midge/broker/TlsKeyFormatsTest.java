package dev.midge.broker;

import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every form in which tools write an unencrypted private key works as the key of the user's certificate: PKCS#8,
 * PKCS#1 for RSA (older OpenSSL) and SEC1 for EC (OpenSSL's {@code ecparam -genkey}, with or without its parameters
 * block). The files were made by OpenSSL 3; each certificate names {@code localhost} and {@code 127.0.0.1}.
 */
class TlsKeyFormatsTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "rsa-pkcs8.key, rsa.crt",
            "rsa-pkcs1.key, rsa.crt",
            "ec-p256-pkcs8.key, ec-p256.crt",
            "ec-p256-sec1.key, ec-p256.crt",
            "ec-p384-sec1.key, ec-p384.crt"})
    void aTlsClientConnectsToABrokerPresentingTheCertificateOfAKeyIn(String keyFile, String certificateFile)
            throws Exception {
        X509Certificate certificate = certificate(certificateFile);
        try (Broker broker = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(resource(certificateFile), resource(keyFile)).start();
             PahoClients clients = new PahoClients(broker.tlsUri())) {
            MqttConnectOptions options = PahoClients.options();
            options.setSocketFactory(TlsContexts.trusting(certificate).getSocketFactory());

            assertThat(clients.connect("pi", new MessageCollector(), options).isConnected()).isTrue();
            assertThat(broker.certificate().x509()).isEqualTo(certificate);
        }
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws Exception {
        BrokerBuilder builder = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(resource("rsa.crt"), resource("rsa-encrypted.key"));

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the TLS certificate or key")
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void aKeyWhoseContentIsBrokenIsRefusedAtStart(@TempDir Path files) throws Exception {
        String pkcs1 = Files.readString(resource("rsa-pkcs1.key"));
        Path truncated = Files.writeString(files.resolve("truncated.key"),
                pkcs1.substring(0, pkcs1.indexOf('\n') + 1) + "MIIEoQIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");
        BrokerBuilder builder = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(resource("rsa.crt"), truncated);

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the TLS certificate or key");
    }

    private static X509Certificate certificate(String file) throws Exception {
        try (InputStream pem = Files.newInputStream(resource(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(TlsKeyFormatsTest.class.getResource("tls-keys/" + file), file).toURI());
    }
}
