package dev.midge.broker;

import dev.midge.broker.internal.auth.ScramSha256;

import java.util.Map;

/**
 * An MQTT 5 enhanced authentication method (MQTT 5 section 4.12): a client that names it in its CONNECT's
 * Authentication Method proves who it is in an exchange of AUTH packets before the broker answers with CONNACK, and
 * may prove it again later (re-authentication). Added with {@link BrokerBuilder#enhancedAuthentication}; a CONNECT
 * with an Authentication Method is decided by its method alone, and the {@link Authenticator} decides the others.
 *
 * <p>Called on the broker's thread: like the {@link Authenticator}, a method and its exchanges must answer at once,
 * never block.
 */
public interface AuthenticationMethod {

    /**
     * @return the Authentication Method clients name in CONNECT, e.g. {@code SCRAM-SHA-256}; compared exactly
     */
    String name();

    /**
     * Starts one exchange: for a CONNECT, or for a re-authentication of a connected client. The broker then hands
     * the exchange the client's Authentication Data, first from the CONNECT (or the AUTH that asks to
     * re-authenticate), then from each AUTH the client answers a challenge with.
     *
     * @param request what the client presented in CONNECT; its client identifier is the one sent, empty when the
     *                broker assigns one
     * @return the exchange, used for this authentication only
     */
    AuthenticationExchange start(ConnectRequest request);

    /**
     * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: the client sends its client-first-message in
     * CONNECT's Authentication Data, gets the server-first-message in an AUTH (continue authentication), sends its
     * client-final-message in an AUTH, and reads the server-final-message, which proves the broker knows its
     * credential, in CONNACK. Passwords never cross the connection and the broker holds only salted keys.
     *
     * <p>A client whose CONNECT also has a User Name must use the same name in SCRAM. A user name that is not among
     * the users, or a wrong password, is refused with {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD} at the end of a
     * complete exchange, so that clients cannot tell which user names exist; a message that is not SCRAM, or asks
     * for channel binding, with {@link ConnectCode#NOT_AUTHORIZED}.
     *
     * @param users user name to credential, made with {@link ScramCredential#fromPassword(String)}
     * @return the method, named {@code SCRAM-SHA-256}
     */
    static AuthenticationMethod scramSha256(Map<String, ScramCredential> users) {
        return new ScramSha256(users);
    }
}
