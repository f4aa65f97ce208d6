package dev.midge.broker;

import dev.midge.broker.internal.tls.TlsIdentity;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * The certificate a broker's TLS and secure WebSocket listeners present, with what a client needs to trust it:
 * an {@link SSLContext} or socket factory for Java clients, the PEM text or a PEM file for the others
 * ({@code mosquitto_sub --cafile}, Python's {@code tls_set(ca_certs=...)}).
 *
 * <pre>{@code
 * MqttConnectOptions options = new MqttConnectOptions();
 * options.setSocketFactory(broker.certificate().socketFactory());
 * new MqttClient(broker.tlsUri().toString(), "pi").connect(options);
 * }</pre>
 *
 * <p>Unless the builder was given the user's own certificate, it is self-signed, made fresh when the broker starts,
 * and names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, so clients that check the host name accept it on
 * loopback.
 */
public final class BrokerCertificate {

    private final TlsIdentity identity;

    BrokerCertificate(TlsIdentity identity) {
        this.identity = identity;
    }

    /**
     * @return the certificate the broker presents (the first of its chain)
     */
    public X509Certificate x509() {
        return identity.certificate();
    }

    /**
     * @return the broker's certificate chain in PEM, the form CA files take
     */
    public String pem() {
        return identity.certificateChainPem();
    }

    /**
     * Writes the certificate chain in PEM, for clients that read their trusted certificates from a file.
     *
     * @param file where to write it; replaced if it exists
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path writePem(Path file) throws IOException {
        return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    }

    /**
     * @return a new TLS context that trusts this broker's certificates and no others
     */
    public SSLContext sslContext() {
        return identity.clientContext();
    }

    /**
     * @return a socket factory that trusts this broker's certificates and no others, as Paho's
     *         {@code setSocketFactory} takes it
     */
    public SSLSocketFactory socketFactory() {
        return sslContext().getSocketFactory();
    }
}
