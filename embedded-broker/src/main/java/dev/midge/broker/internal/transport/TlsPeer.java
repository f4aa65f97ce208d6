package dev.midge.broker.internal.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * What a TLS connection's client proved about itself in the handshake.
 */
final class TlsPeer {

    private TlsPeer() {
    }

    /**
     * @param pipeline the connection's pipeline, once its handshake is done
     * @return the certificate the client presented in the TLS handshake, or null when the connection is not TLS or
     *         the listener asked for none
     */
    static X509Certificate certificate(ChannelPipeline pipeline) {
        SslHandler tls = pipeline.get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length == 0 || !(chain[0] instanceof X509Certificate first) ? null : first;
        } catch (SSLPeerUnverifiedException notAskedFor) {
            return null;
        }
    }
}
