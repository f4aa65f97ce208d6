package dev.midge.broker;

import java.util.Objects;

/**
 * What an {@link AuthenticationExchange} answers to the client's Authentication Data.
 */
public sealed interface AuthenticationStep {

    /**
     * @param data the Authentication Data the client needs to go on, or {@code null} for none
     * @return a step that sends AUTH with reason code 0x18 (continue authentication)
     */
    static AuthenticationStep challenge(byte[] data) {
        return new Challenge(data);
    }

    /**
     * @param username the user the client proved to be: the session's user name, which the {@link Authorizer} is
     *                 given; {@code null} keeps the User Name of the CONNECT
     * @param data     Authentication Data the client still needs (SCRAM's server-final-message), or {@code null}
     * @return a step that ends the exchange: CONNACK 0x00 at connect, AUTH 0x00 (success) at re-authentication
     */
    static AuthenticationStep success(String username, byte[] data) {
        return new Success(username, data);
    }

    /**
     * @param code   the CONNACK code a CONNECT is refused with, e.g. {@link ConnectCode#NOT_AUTHORIZED} or
     *               {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD}; a failed re-authentication always ends with
     *               DISCONNECT 0x87 (not authorized)
     * @param reason why, for the log and the CONNACK or DISCONNECT reason string; {@code null} is taken as the code's
     *               name
     * @return a step that ends the exchange and refuses the client
     */
    static AuthenticationStep failure(ConnectCode code, String reason) {
        return new Failure(code, reason);
    }

    /**
     * The broker needs more from the client.
     *
     * @param data the Authentication Data sent to the client, or {@code null}
     */
    record Challenge(byte[] data) implements AuthenticationStep {
    }

    /**
     * The client has proved who it is.
     *
     * @param username the user it proved to be, or {@code null} to keep the CONNECT's User Name
     * @param data     the last Authentication Data for the client, or {@code null}
     */
    record Success(String username, byte[] data) implements AuthenticationStep {
    }

    /**
     * The client has not proved who it is.
     *
     * @param code   the CONNACK code to refuse a CONNECT with
     * @param reason why
     */
    record Failure(ConnectCode code, String reason) implements AuthenticationStep {
        /**
         * @param code   the CONNACK code, not {@link ConnectCode#ACCEPTED}
         * @param reason why, or {@code null} for the code's name
         */
        public Failure {
            Objects.requireNonNull(code, "code");
            if (code.isAccepted()) {
                throw new IllegalArgumentException("a failure needs a refusal code, not " + code);
            }
            reason = reason == null ? code.name() : reason;
        }
    }
}
