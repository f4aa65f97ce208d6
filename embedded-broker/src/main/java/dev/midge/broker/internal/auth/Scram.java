package dev.midge.broker.internal.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;

/**
 * The functions of SCRAM-SHA-256 (RFC 5802 section 2.2 with SHA-256, RFC 7677), on the JDK's HMAC and SHA-256.
 */
public final class Scram {

    /** The text the client key is derived with. */
    public static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    /** The text the server key is derived with. */
    public static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private static final String HMAC = "HmacSHA256";

    private Scram() {
    }

    /**
     * Hi(Normalize(password), salt, i): PBKDF2 with HMAC-SHA-256 and one output block.
     */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        Mac mac = mac(prepare(password).getBytes(StandardCharsets.UTF_8));
        mac.update(salt);
        byte[] block = mac.doFinal(new byte[]{0, 0, 0, 1});
        byte[] result = block.clone();
        for (int i = 1; i < iterations; i++) {
            block = mac.doFinal(block);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= block[j];
            }
        }
        return result;
    }

    /** @return HMAC-SHA-256 of the data under the key */
    public static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /** @return SHA-256 of the data */
    public static byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return a new array, the bytes of both XORed; they have the same length */
    static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    /**
     * SASLprep's mapping and normalisation (RFC 4013 section 2.1 and 2.2): non-ASCII spaces become spaces, the
     * characters "commonly mapped to nothing" go, and the rest is NFKC-normalised, so that a password typed on
     * another keyboard or system derives the same keys. An ASCII password is its own preparation.
     */
    static String prepare(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                mapped.append(c);
            } else if (Character.isSpaceChar(c)) {
                mapped.append(' ');
            } else if (!mappedToNothing(c)) {
                mapped.append(c);
            }
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    /** RFC 3454 table B.1. */
    private static boolean mappedToNothing(char c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || c >= 0x180B && c <= 0x180D
                || c >= 0x200B && c <= 0x200D || c == 0x2060 || c >= 0xFE00 && c <= 0xFE0F || c == 0xFEFF;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + HMAC, e);
        }
    }
}
