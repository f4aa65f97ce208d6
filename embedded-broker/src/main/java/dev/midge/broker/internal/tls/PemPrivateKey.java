package dev.midge.broker.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted private key in PEM, in any of the three forms tools write: PKCS#8 ({@code BEGIN PRIVATE KEY},
 * RSA, EC, Ed25519, Ed448, DSA), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older OpenSSL's RSA keys) and SEC1
 * ({@code BEGIN EC PRIVATE KEY}, OpenSSL's EC keys, often after a {@code BEGIN EC PARAMETERS} block). The JDK reads
 * PKCS#8 only, so the other two are wrapped into it (RFC 5208: the key's algorithm, then the key as it was).
 */
public final class PemPrivateKey {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END \\1PRIVATE KEY-----");
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    private static final Map<String, String> ALGORITHMS = Map.of(RSA, "RSA", "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC", "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448", "1.2.840.10040.4.1", "DSA");
    private static final byte[] VERSION_ZERO = Der.integer(new byte[] {0});
    /** The context-specific tag of a SEC1 key's curve, {@code [0] EXPLICIT ECParameters}. */
    private static final int SEC1_PARAMETERS = 0xA0;

    private PemPrivateKey() {
    }

    /**
     * @param pem PEM text holding one private key, among other blocks or not
     * @return the key
     * @throws IllegalArgumentException saying what the text lacks, or what is wrong with its key
     */
    public static PrivateKey read(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no PEM private key (-----BEGIN PRIVATE KEY-----, -----BEGIN RSA "
                    + "PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        }
        String kind = block.group(1).trim();
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key's Base64 is broken: " + e.getMessage(), e);
        }
        try {
            return switch (kind) {
                case "" -> pkcs8(der);
                case "RSA" -> pkcs8(pkcs8(RSA, Der.nullValue(), der));
                case "EC" -> pkcs8(pkcs8(EC, curve(der), der));
                case "ENCRYPTED" -> throw new IllegalArgumentException("the private key is encrypted; the broker "
                        + "reads unencrypted keys only (openssl pkcs8 -in key.pem -out plain.pem decrypts it)");
                default -> throw new IllegalArgumentException("a PEM " + kind + " private key, which the broker "
                        + "cannot read: it reads PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys");
            };
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the " + (kind.isEmpty() ? "PKCS#8" : kind) + " private key lacks a "
                    + "field its form requires", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der) {
        DerElement identifier = DerElement.read(der).children().get(1).children().get(0);
        String algorithm = ALGORITHMS.entrySet().stream()
                .filter(known -> Arrays.equals(Der.oid(known.getKey()), identifier.encoded()))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the private key's algorithm is none of "
                        + ALGORITHMS.values()));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + algorithm + " private key cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** @return a PKCS#8 PrivateKeyInfo holding the key of another form */
    private static byte[] pkcs8(String algorithm, byte[] parameters, byte[] key) {
        return Der.sequence(VERSION_ZERO, Der.sequence(Der.oid(algorithm), parameters), Der.octetString(key));
    }

    /** @return the named curve of a SEC1 key, which PKCS#8 carries beside the key rather than in it */
    private static byte[] curve(byte[] sec1) {
        for (DerElement field : DerElement.read(sec1).children()) {
            if (field.tag() == SEC1_PARAMETERS) {
                DerElement parameters = field.children().get(0);
                if (parameters.tag() == DerElement.OBJECT_IDENTIFIER) {
                    return parameters.encoded();
                }
            }
        }
        throw new IllegalArgumentException("the EC private key names no curve");
    }
}
