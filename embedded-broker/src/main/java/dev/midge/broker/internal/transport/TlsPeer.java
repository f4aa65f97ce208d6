package dev.midge.broker.internal.transport;

import io.vertx.core.internal.net.NetSocketInternal;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS connection's client proved about itself in the handshake.
 */
final class TlsPeer {

    private TlsPeer() {
    }

    /**
     * @return the certificate the client presented in the TLS handshake, or null when the connection is not TLS or
     *         the listener asked for none
     */
    static X509Certificate certificate(NetSocketInternal socket) {
        if (!socket.isSsl()) {
            return null;
        }
        try {
            List<Certificate> chain = socket.peerCertificates();
            return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate first) ? null : first;
        } catch (SSLPeerUnverifiedException notAskedFor) {
            return null;
        }
    }
}
