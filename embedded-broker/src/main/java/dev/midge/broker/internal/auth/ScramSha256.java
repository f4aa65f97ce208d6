package dev.midge.broker.internal.auth;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SCRAM-SHA-256 authentication method: its users and the way it makes server nonces. An unknown user gets a
 * made-up credential, the same every time within one broker, so that the exchange looks the same as for a real one
 * and fails only at the proof.
 */
public final class ScramSha256 implements AuthenticationMethod {

    /** The mechanism's name, as IANA registers it. */
    public static final String NAME = "SCRAM-SHA-256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 18;
    private static final int SALT_BYTES = 16;

    private final Map<String, ScramCredential> users;
    private final Supplier<String> nonces;
    private final byte[] unknownUserSecret = new byte[32];

    /**
     * @param users user name to credential
     */
    public ScramSha256(Map<String, ScramCredential> users) {
        this(users, ScramSha256::randomNonce);
    }

    /**
     * @param users  user name to credential
     * @param nonces makes the server's part of each nonce: printable ASCII without commas
     */
    public ScramSha256(Map<String, ScramCredential> users, Supplier<String> nonces) {
        this.users = Map.copyOf(users);
        this.nonces = nonces;
        RANDOM.nextBytes(unknownUserSecret);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthenticationExchange start(ConnectRequest request) {
        return new ScramExchange(this, request.username());
    }

    /** @return the server's part of a new nonce */
    String nonce() {
        return nonces.get();
    }

    /**
     * @return the user's keys; for a user that does not exist, a salt derived from the name, so that asking twice
     *         gives the same answer, and keys that no proof matches
     */
    ScramExchange.Keys keys(String username) {
        ScramCredential credential = users.get(username);
        if (credential != null) {
            return new ScramExchange.Keys(true, credential.salt(), credential.iterations(), credential.storedKey(),
                    credential.serverKey());
        }
        byte[] derived = Scram.hmac(unknownUserSecret, username.getBytes(StandardCharsets.UTF_8));
        byte[] key = Scram.hmac(unknownUserSecret, derived);
        return new ScramExchange.Keys(false, Arrays.copyOf(derived, SALT_BYTES), ScramCredential.MIN_ITERATIONS,
                key, key);
    }

    private static String randomNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
