package dev.midge.broker.internal.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a broker's TLS listeners present: a certificate chain and its private key, both in PEM, either made fresh
 * and self-signed or read from the user's files; and what a client needs to trust them.
 */
public final class TlsIdentity {

    private static final String PRIVATE_KEY_MARKER = "PRIVATE KEY-----";

    private final List<X509Certificate> chain;
    private final String chainPem;
    private final String privateKeyPem;

    private TlsIdentity(List<X509Certificate> chain, String chainPem, String privateKeyPem) {
        this.chain = List.copyOf(chain);
        this.chainPem = chainPem;
        this.privateKeyPem = privateKeyPem;
    }

    /**
     * @return a fresh self-signed identity for {@code localhost}, {@code 127.0.0.1} and {@code ::1}
     */
    public static TlsIdentity selfSigned() {
        return selfSigned(SelfSignedCertificate.BROKER_NAME);
    }

    /**
     * @param commonName the subject's common name
     * @return a fresh self-signed identity with that name, also valid for {@code localhost}, {@code 127.0.0.1} and
     *         {@code ::1}
     */
    public static TlsIdentity selfSigned(String commonName) {
        SelfSignedCertificate.Generated generated = SelfSignedCertificate.create(commonName);
        try {
            return new TlsIdentity(List.of(generated.certificate()),
                    pem("CERTIFICATE", generated.certificate().getEncoded()),
                    pem("PRIVATE KEY", generated.keys().getPrivate().getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalStateException("Cannot encode the self-signed certificate", e);
        }
    }

    /**
     * @param chainFile a PEM file with the broker's certificate first, then any intermediate certificates
     * @param keyFile   a PEM file with the certificate's private key (PKCS#8, PKCS#1 for RSA or SEC1 for EC)
     * @return the identity in those files
     * @throws IllegalArgumentException naming the file that cannot be read or holds no certificate or key
     */
    public static TlsIdentity fromPemFiles(Path chainFile, Path keyFile) {
        String chainPem = read(chainFile);
        String keyPem = read(keyFile);
        List<X509Certificate> chain = certificates(chainPem, chainFile);
        if (!keyPem.contains(PRIVATE_KEY_MARKER)) {
            throw new IllegalArgumentException(keyFile + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        return new TlsIdentity(chain, chainPem, keyPem);
    }

    /**
     * @param file a PEM file of certificates
     * @return its text, once checked to hold at least one certificate
     * @throws IllegalArgumentException naming the file that cannot be read or holds no certificate
     */
    public static String readCertificatesPem(Path file) {
        String pem = read(file);
        certificates(pem, file);
        return pem;
    }

    private static List<X509Certificate> certificates(String pem, Path file) {
        List<X509Certificate> certificates;
        try {
            certificates = certificates(pem);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    /**
     * @param pem PEM text of certificates
     * @return its certificates, in order; none when it holds none
     * @throws CertificateException when a certificate cannot be read
     */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    /** @return the certificate the broker presents */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return the certificate the broker presents, then any intermediates */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** @return the broker's certificate first, then any intermediates, in PEM */
    public String certificateChainPem() {
        return chainPem;
    }

    /** @return the private key in PEM */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /**
     * @return a TLS context for clients that trusts the certificates of this chain and nothing else
     */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < chain.size(); i++) {
                trusted.setCertificateEntry("midge-" + i, chain.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context trusting the broker: " + e.getMessage(), e);
        }
    }

    /** @return the DER value as a PEM block of that type, in lines of 64 characters */
    static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e, new UncheckedIOException(e));
        }
    }
}
