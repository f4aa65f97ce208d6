package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import javax.net.ssl.SSLException;

/**
 * The TLS side of the broker's TLS listeners, made once as they bind, from the configured certificate chain and key,
 * and, when clients must present a certificate, the certificates it must be or be signed by. The PEM text is read by
 * Vert.x, which takes PKCS#8 keys and PKCS#1 RSA keys alike; the handshakes run on the JDK's TLS engine, with its
 * protocols (TLS 1.2 and 1.3) and ciphers.
 *
 * <p>Called on the broker's thread, as a listener binds.
 */
final class ServerTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * @return the TLS context every connection of a TLS listener takes its handler from
     * @throws IllegalStateException when the key or a certificate cannot be used
     */
    static SslContext context(BrokerConfig config, Vertx vertx) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(new PemKeyCertOptions()
                            .setCertValue(Buffer.buffer(config.tls().certificateChainPem()))
                            .setKeyValue(Buffer.buffer(config.tls().privateKeyPem()))
                            .getKeyManagerFactory(vertx))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (config.trustedClientsPem() != null) {
                builder.clientAuth(ClientAuth.REQUIRE).trustManager(new PemTrustOptions()
                        .addCertValue(Buffer.buffer(config.trustedClientsPem()))
                        .getTrustManagerFactory(vertx));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
    }
}
