package dev.midge.broker;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * What a client presented in CONNECT, as given to an {@link Authenticator}.
 *
 * @param clientId        the client identifier (assigned by the broker when the client sent an empty one)
 * @param username        the user name, or {@code null}
 * @param password        the password bytes, or {@code null}
 * @param protocolVersion 3 (MQTT 3.1), 4 (3.1.1) or 5 (5.0)
 * @param remoteAddress   the client's address as {@code host:port}
 * @param certificate     the certificate the client presented on a TLS listener that asks for one
 *                        ({@link BrokerBuilder#tlsClientCertificates}), or {@code null}
 */
public record ConnectRequest(String clientId, String username, byte[] password, int protocolVersion,
                             String remoteAddress, X509Certificate certificate) {

    /**
     * @return the password decoded as UTF-8, or {@code null} when none was sent
     */
    public String passwordAsString() {
        return password == null ? null : new String(password, StandardCharsets.UTF_8);
    }
}
