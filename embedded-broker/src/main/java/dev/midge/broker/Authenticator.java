package dev.midge.broker;

import dev.midge.broker.internal.config.PasswordFile;

import java.nio.file.Path;
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

    /**
     * An authenticator that reads a password file in mosquitto_passwd's format, one {@code user:hash} line per user
     * with Mosquitto 2's {@code $7$} (PBKDF2-HMAC-SHA512) or Mosquitto 1's {@code $6$} (salted SHA-512) hashes, as the
     * configuration file's {@code password_file} does. A client with a user name must be in the file with its password,
     * otherwise it gets {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD}; one without is accepted only when anonymous
     * clients are allowed, otherwise it gets {@link ConnectCode#NOT_AUTHORIZED}.
     *
     * @param file           the password file, read once, now
     * @param allowAnonymous whether clients without a user name may connect
     * @return the authenticator
     * @throws IllegalArgumentException naming the file and line when it cannot be read or a line is not a user and a
     *                                  hash
     */
    static Authenticator passwordFile(Path file, boolean allowAnonymous) {
        return PasswordFile.read(file, allowAnonymous);
    }
}
