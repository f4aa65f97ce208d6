package dev.midge.broker.internal;

import dev.midge.broker.Message;
import dev.midge.broker.Transport;

import java.security.cert.X509Certificate;

/**
 * A decoded CONNECT, in protocol-neutral terms.
 *
 * @param clientId              the client identifier as sent, possibly empty
 * @param protocolVersion       the client's MQTT version
 * @param cleanStart            clean session (3.x) or clean start (5.0)
 * @param sessionExpirySeconds  MQTT 5 session expiry interval; for 3.x: 0 when clean, otherwise never
 * @param keepAliveSeconds      the keep-alive interval
 * @param username              the user name or null
 * @param password              the password or null
 * @param will                  the will message or null
 * @param willDelaySeconds      MQTT 5 will delay interval, 0 otherwise
 * @param remoteAddress         host:port of the client
 * @param transport             how the client reached the broker
 * @param certificate           the client's TLS certificate, or null
 * @param authenticationMethod  the MQTT 5 Authentication Method the client named, or null; such a CONNECT reaches
 *                              the core only once its method has accepted it, so the authenticator is not asked
 */
public record ConnectAttempt(String clientId, ProtocolVersion protocolVersion, boolean cleanStart, long sessionExpirySeconds,
                             int keepAliveSeconds, String username, byte[] password, Message will,
                             long willDelaySeconds, String remoteAddress, Transport transport,
                             X509Certificate certificate, String authenticationMethod) {

    /**
     * @param authenticated the user an authentication method proved the client to be
     * @return this attempt as that user
     */
    public ConnectAttempt withUsername(String authenticated) {
        return new ConnectAttempt(clientId, protocolVersion, cleanStart, sessionExpirySeconds, keepAliveSeconds,
                authenticated, password, will, willDelaySeconds, remoteAddress, transport, certificate,
                authenticationMethod);
    }
}
