package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerConfig;
import dev.midge.broker.internal.tls.PemPrivateKey;
import dev.midge.broker.internal.tls.TlsIdentity;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;

/**
 * The TLS side of the broker's TLS listeners, made once as they bind, from the configured certificate chain and key,
 * and, when clients must present a certificate, the certificates it must be or be signed by. The key is read by
 * {@link PemPrivateKey}, which takes PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys alike; the handshakes run on the JDK's
 * TLS engine, with its protocols (TLS 1.2 and 1.3) and ciphers.
 *
 * <p>Called on the broker's thread, as a listener binds.
 */
final class ServerTls {

    /** The protocols the broker's listeners and its bridges' TLS connections accept. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * @return the TLS context every connection of a TLS listener takes its handler from
     * @throws IllegalStateException when the key or a certificate cannot be used
     */
    static SslContext context(BrokerConfig config) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(
                            PemPrivateKey.read(config.tls().privateKeyPem()), config.tls().chain())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (config.trustedClientsPem() != null) {
                builder.clientAuth(ClientAuth.REQUIRE)
                        .trustManager(TlsIdentity.certificates(config.trustedClientsPem()));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
    }
}
