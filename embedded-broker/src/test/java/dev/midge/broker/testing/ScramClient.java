package dev.midge.broker.testing;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 with SHA-256, RFC 7677), written from the RFCs apart from the broker's
 * own code and deriving the salted password with the JDK's PBKDF2, so that a test proves the broker speaks the
 * mechanism rather than agrees with itself. Without channel binding ({@code n,,}); ASCII user names and passwords.
 */
public final class ScramClient {

    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param username    the user
     * @param password    the password
     * @param clientNonce the client's nonce, printable ASCII without commas
     */
    public ScramClient(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    /** @return a client with a random nonce */
    public static ScramClient of(String username, String password) {
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        return new ScramClient(username, password, Base64.getEncoder().encodeToString(nonce));
    }

    /** @return the client-first-message, for CONNECT's Authentication Data */
    public byte[] clientFirst() {
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param serverFirst the server-first-message
     * @return the client-final-message with the proof
     */
    public byte[] clientFinal(byte[] serverFirst) {
        String serverFirstMessage = new String(serverFirst, StandardCharsets.UTF_8);
        Map<Character, String> attributes = attributes(serverFirstMessage);
        String nonce = attributes.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new AssertionError("The server's nonce does not extend the client's: " + serverFirstMessage);
        }
        byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
        int iterations = Integer.parseInt(attributes.get('i'));
        byte[] saltedPassword = pbkdf2(salt, iterations);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirstMessage + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] clientSignature = hmac(sha256(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param serverFinal the server-final-message
     * @return whether it carries the signature only a server holding the user's credential can make
     */
    public boolean serverIsAuthentic(byte[] serverFinal) {
        String verifier = attributes(new String(serverFinal, StandardCharsets.UTF_8)).get('v');
        return verifier != null && MessageDigest.isEqual(Base64.getDecoder().decode(verifier), expectedServerSignature);
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String attribute : message.split(",")) {
            attributes.put(attribute.charAt(0), attribute.substring(2));
        }
        return attributes;
    }

    private byte[] pbkdf2(byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
