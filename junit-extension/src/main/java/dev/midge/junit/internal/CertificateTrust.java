package dev.midge.junit.internal;

import dev.midge.broker.BrokerCertificate;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Trust in the test broker's certificate, in the form clients that take no socket factory want.
 */
public final class CertificateTrust {

    private CertificateTrust() {
    }

    /**
     * @param certificate the certificate the broker's TLS listeners present
     * @return a trust manager factory that trusts that certificate and no other
     */
    public static TrustManagerFactory trustManagerFactory(BrokerCertificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("midge-broker", certificate.x509());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot trust the broker's certificate: " + e.getMessage(), e);
        }
    }
}
