package dev.midge.broker;

import dev.midge.broker.internal.auth.Scram;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * What a broker keeps of a SCRAM-SHA-256 user ({@link AuthenticationMethod#scramSha256}): a random salt, an
 * iteration count and the two keys derived from the password (RFC 5802 section 3), never the password itself.
 * Enough to check a client's proof, not to log in as the user.
 */
public final class ScramCredential {

    /** The least iteration count accepted, and the one {@link #fromPassword(String)} uses: 4096 (RFC 7677). */
    public static final int MIN_ITERATIONS = 4096;

    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        this.salt = salt;
        this.iterations = iterations;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    /**
     * @param password the user's password, not empty
     * @return a credential with a random 16-byte salt and {@link #MIN_ITERATIONS} iterations
     */
    public static ScramCredential fromPassword(String password) {
        return fromPassword(password, MIN_ITERATIONS);
    }

    /**
     * @param password   the user's password, not empty
     * @param iterations how often the password is hashed, at least {@link #MIN_ITERATIONS}: more is slower to guess
     *                   and slower for every client that connects
     * @return a credential with a random 16-byte salt
     */
    public static ScramCredential fromPassword(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return fromPassword(password, salt, iterations);
    }

    /**
     * Derives the credential with a given salt, to reproduce one made elsewhere.
     *
     * @param password   the user's password, not empty
     * @param salt       the salt, not empty
     * @param iterations the iteration count, at least {@link #MIN_ITERATIONS}
     * @return the credential
     */
    public static ScramCredential fromPassword(String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("a SCRAM password must not be empty");
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("a SCRAM salt must not be empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM needs at least " + MIN_ITERATIONS + " iterations, not "
                    + iterations);
        }
        byte[] salted = Scram.saltedPassword(password, salt, iterations);
        return new ScramCredential(salt.clone(), iterations, Scram.hash(Scram.hmac(salted, Scram.CLIENT_KEY)),
                Scram.hmac(salted, Scram.SERVER_KEY));
    }

    /** @return the salt */
    public byte[] salt() {
        return salt.clone();
    }

    /** @return the iteration count */
    public int iterations() {
        return iterations;
    }

    /** @return StoredKey, the hash of the client key, which checks the client's proof */
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** @return ServerKey, which signs the broker's final message */
    public byte[] serverKey() {
        return serverKey.clone();
    }
}
