package dev.midge.broker;

import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a client may connect. Called on the broker's thread for every CONNECT: it must not block.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param request what the client presented
     * @return {@link ConnectCode#ACCEPTED} to let it in, or the code to refuse it with
     */
    ConnectCode authenticate(ConnectRequest request);

    /**
     * @return an authenticator that accepts every client, with or without credentials (the default)
     */
    static Authenticator allowAll() {
        return request -> ConnectCode.ACCEPTED;
    }

    /**
     * An authenticator that accepts only the given users with their passwords; anonymous clients and wrong
     * passwords get {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD}.
     *
     * @param passwordsByUser user name to password
     * @return the authenticator
     */
    static Authenticator users(Map<String, String> passwordsByUser) {
        Map<String, String> users = Map.copyOf(passwordsByUser);
        return request -> {
            String expected = request.username() == null ? null : users.get(request.username());
            return expected != null && Objects.equals(expected, request.passwordAsString())
                    ? ConnectCode.ACCEPTED
                    : ConnectCode.BAD_USER_NAME_OR_PASSWORD;
        };
    }
}
