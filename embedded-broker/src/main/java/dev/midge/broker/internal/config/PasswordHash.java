package dev.midge.broker.internal.config;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password hash as mosquitto_passwd writes it: {@code $7$ITERATIONS$SALT$HASH} (PBKDF2-HMAC-SHA512, Mosquitto 2)
 * or {@code $6$SALT$HASH} (SHA-512 of the password followed by the salt, Mosquitto 1), salt and hash in Base64.
 */
final class PasswordHash {

    /** What mosquitto_passwd uses by default, so files written here and there look alike. */
    static final int DEFAULT_ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * @param text the part of a password file line after the user name and its colon
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static PasswordHash parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("6")) {
            return new PasswordHash(0, base64(parts[2], "salt"), sha512Hash(parts[3]));
        }
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
            int iterations;
            try {
                iterations = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                iterations = 0;
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("the iteration count '" + parts[2] + "' is not a positive number");
            }
            return new PasswordHash(iterations, base64(parts[3], "salt"), sha512Hash(parts[4]));
        }
        throw new IllegalArgumentException("the password is not hashed as $7$ITERATIONS$SALT$HASH or $6$SALT$HASH "
                + "(write it with 'passwd' or mosquitto_passwd)");
    }

    /**
     * @return a {@code $7$} hash of the password with a new random salt
     */
    static String create(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        PasswordHash hash = new PasswordHash(DEFAULT_ITERATIONS, salt, new byte[0]);
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + DEFAULT_ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @return whether the password hashes to this hash, compared in constant time
     */
    boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, digest(password));
    }

    private byte[] digest(byte[] password) {
        try {
            if (iterations == 0) {
                MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                sha512.update(password);
                sha512.update(salt);
                return sha512.digest();
            }
            // PBEKeySpec takes chars and the JDK's PBKDF2 encodes them as UTF-8: decoding keeps the bytes the
            // client sent, as long as they are UTF-8, which MQTT 5 requires and 3.1.1 clients send in practice.
            char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-512 or PBKDF2WithHmacSHA512", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash a password", e);
        }
    }

    private static byte[] sha512Hash(String text) {
        byte[] hash = base64(text, "hash");
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash is " + hash.length + " bytes long, not the " + HASH_BYTES
                    + " of SHA-512");
        }
        return hash;
    }

    private static byte[] base64(String text, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not Base64: " + text, e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        return bytes;
    }
}
