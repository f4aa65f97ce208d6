package dev.midge.broker.internal.config;

import dev.midge.broker.Authenticator;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of a mosquitto_passwd file ({@code user:$7$...} lines), as an {@link Authenticator}: a client that
 * gives a user name must be one of them with its password; one without a user name is let in only when anonymous
 * clients are allowed.
 */
public final class PasswordFile implements Authenticator {

    /** Checked for unknown users too, so that an unknown user takes as long to refuse as a wrong password. */
    private static final PasswordHash NOBODY = PasswordHash.parse(PasswordHash.create("nobody"));

    private final Map<String, PasswordHash> users;
    private final boolean allowAnonymous;

    private PasswordFile(Map<String, PasswordHash> users, boolean allowAnonymous) {
        this.users = users;
        this.allowAnonymous = allowAnonymous;
    }

    /**
     * @param file           a file of {@code user:hash} lines; blank lines and lines starting with {@code #} are skipped
     * @param allowAnonymous whether clients without a user name may connect
     * @return the authenticator
     * @throws ConfigException naming the file and line when the file cannot be read or a line is not a user
     */
    public static PasswordFile read(Path file, boolean allowAnonymous) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read the password file: " + e);
        }
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new ConfigException(file, i + 1, "expected user:hash");
            }
            try {
                users.put(line.substring(0, colon), PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, i + 1, e.getMessage());
            }
        }
        return new PasswordFile(Map.copyOf(users), allowAnonymous);
    }

    /**
     * @param password a password
     * @return the text that follows {@code user:} in a password file for it: a PBKDF2-HMAC-SHA512 hash with a new
     *         random salt and the iteration count mosquitto_passwd uses
     */
    public static String hash(String password) {
        return PasswordHash.create(password);
    }

    @Override
    public ConnectCode authenticate(ConnectRequest request) {
        if (request.username() == null) {
            return allowAnonymous ? ConnectCode.ACCEPTED : ConnectCode.NOT_AUTHORIZED;
        }
        PasswordHash hash = users.getOrDefault(request.username(), NOBODY);
        byte[] password = request.password() == null ? new byte[0] : request.password();
        boolean matches = hash.matches(password);
        return matches && hash != NOBODY && request.password() != null
                ? ConnectCode.ACCEPTED : ConnectCode.BAD_USER_NAME_OR_PASSWORD;
    }
}
