package dev.midge.junit.internal;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The certificates an external broker's TLS is checked against when they are not in the JVM's trust store: the PEM
 * file of {@value MidgeConfiguration#EXTERNAL_CA_FILE}, as Mosquitto's clients take {@code --cafile}.
 */
final class ExternalTlsTrust {

    private ExternalTlsTrust() {
    }

    /**
     * @param pemFile one or more certificates in PEM
     * @return a socket factory that trusts those certificates and no others
     * @throws ExtensionConfigurationException when the file cannot be read or holds no certificate, naming it
     */
    static SSLSocketFactory trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ExtensionConfigurationException(MidgeConfiguration.EXTERNAL_CA_FILE + " = \"" + pemFile
                        + "\" holds no certificate: name a PEM file with the CA certificate of the external broker");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("external-ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new ExtensionConfigurationException(MidgeConfiguration.EXTERNAL_CA_FILE + " = \"" + pemFile
                    + "\" cannot be used: " + e.getMessage() + "; name a PEM file with the CA certificate of the "
                    + "external broker", e);
        }
    }
}
