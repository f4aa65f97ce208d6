package dev.midge.broker;

import dev.midge.broker.internal.tls.TestKeys;
import dev.midge.broker.internal.tls.TestKeys.Algorithm;
import dev.midge.broker.internal.tls.TestKeys.Form;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every form in which tools write an unencrypted private key works as the key of the user's certificate: PKCS#8,
 * PKCS#1 for RSA (older OpenSSL) and SEC1 for EC (OpenSSL's {@code ecparam -genkey}, with or without its parameters
 * block). Each key is made afresh and written to a file in that form; its certificate names {@code localhost} and
 * {@code 127.0.0.1}.
 */
class TlsKeyFormatsTest {

    @TempDir
    Path files;

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "RSA_2048, PKCS8",
            "RSA_2048, PKCS1",
            "EC_P256, PKCS8",
            "EC_P256, SEC1_AFTER_PARAMETERS",
            "EC_P384, SEC1"})
    void aTlsClientConnectsToABrokerPresentingTheCertificateOfAKeyIn(Algorithm algorithm, Form form)
            throws Exception {
        TestKeys keys = TestKeys.generate(algorithm);
        X509Certificate certificate = keys.loopbackCertificate();
        Path keyFile = Files.writeString(files.resolve("broker.key"), keys.privateKeyPem(form));
        try (Broker broker = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(certificateFile(certificate), keyFile).start();
             PahoClients clients = new PahoClients(broker.tlsUri())) {
            MqttConnectOptions options = PahoClients.options();
            options.setSocketFactory(TlsContexts.trusting(certificate).getSocketFactory());

            assertThat(clients.connect("pi", new MessageCollector(), options).isConnected()).isTrue();
            assertThat(broker.certificate().x509()).isEqualTo(certificate);
        }
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws Exception {
        TestKeys keys = TestKeys.generate(Algorithm.RSA_2048);
        Path keyFile = Files.writeString(files.resolve("encrypted.key"), keys.encryptedPrivateKeyPem());
        BrokerBuilder builder = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(certificateFile(keys.loopbackCertificate()), keyFile);

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the TLS certificate or key")
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void aKeyWhoseContentIsBrokenIsRefusedAtStart() throws Exception {
        TestKeys keys = TestKeys.generate(Algorithm.RSA_2048);
        String[] pkcs1 = keys.privateKeyPem(Form.PKCS1).split("\n");
        Path truncated = Files.writeString(files.resolve("truncated.key"),
                pkcs1[0] + "\n" + pkcs1[1].substring(0, 16) + "\n" + pkcs1[pkcs1.length - 1] + "\n");
        BrokerBuilder builder = Broker.builder().port(0).tlsPort(0)
                .tlsCertificate(certificateFile(keys.loopbackCertificate()), truncated);

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the TLS certificate or key");
    }

    private Path certificateFile(X509Certificate certificate) throws Exception {
        return Files.writeString(files.resolve("broker.crt"), TestKeys.pem(certificate));
    }
}
