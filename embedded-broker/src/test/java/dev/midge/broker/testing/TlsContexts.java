package dev.midge.broker.testing;

import dev.midge.broker.internal.tls.TlsIdentity;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * TLS contexts for test clients: one that trusts given certificates, and one that also presents a client
 * certificate.
 */
public final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /**
     * @return a context that trusts these certificates and no others, presenting none of its own
     */
    public static SSLContext trusting(X509Certificate... trusted) throws GeneralSecurityException, IOException {
        return context(null, trusted);
    }

    /**
     * @param caFile a PEM file with one certificate
     * @return a context that trusts that certificate and no other
     */
    public static SSLContext trusting(Path caFile) throws GeneralSecurityException, IOException {
        try (InputStream pem = Files.newInputStream(caFile)) {
            return trusting((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
    }

    /**
     * @param client  the certificate and EC key to present
     * @param trusted the certificates to trust
     * @return a context that presents the client's certificate and trusts only the given ones
     */
    public static SSLContext presenting(TlsIdentity client, X509Certificate... trusted)
            throws GeneralSecurityException, IOException {
        String base64 = client.privateKeyPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, NO_PASSWORD, new Certificate[] {client.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, NO_PASSWORD);
        return context(keyManagers.getKeyManagers(), trusted);
    }

    private static SSLContext context(KeyManager[] keyManagers, X509Certificate... trusted)
            throws GeneralSecurityException, IOException {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trustStore.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }
}
