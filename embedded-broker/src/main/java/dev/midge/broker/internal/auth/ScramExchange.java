package dev.midge.broker.internal.auth;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.ConnectCode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 sections 3, 5 and 7): client-first-message, then
 * server-first-message with the combined nonce, salt and iteration count, then the client-final-message, whose proof
 * is checked against StoredKey, then the server-final-message with the server's signature. Channel binding is not
 * offered: a client that asks for it is refused, one that could use it ({@code y}) goes on without.
 */
final class ScramExchange implements AuthenticationExchange {

    /**
     * What the exchange knows of a user.
     *
     * @param known      whether the user exists; the keys of one that does not match no proof
     * @param salt       the salt
     * @param iterations the iteration count
     * @param storedKey  H(ClientKey)
     * @param serverKey  the key of the server's signature
     */
    record Keys(boolean known, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    }

    private enum State { CLIENT_FIRST, CLIENT_FIRST_AFTER_EMPTY, CLIENT_FINAL, DONE }

    private final ScramSha256 method;
    private final String connectUsername;
    private State state = State.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String username;
    private Keys keys;

    ScramExchange(ScramSha256 method, String connectUsername) {
        this.method = method;
        this.connectUsername = connectUsername;
    }

    @Override
    public AuthenticationStep next(byte[] clientData) {
        State current = state;
        state = State.DONE;
        try {
            String message = utf8(clientData);
            return switch (current) {
                case CLIENT_FIRST -> {
                    if (message.isEmpty()) {
                        // SASL lets a client wait for the server's empty challenge before its first message.
                        state = State.CLIENT_FIRST_AFTER_EMPTY;
                        yield AuthenticationStep.challenge(null);
                    }
                    yield clientFirst(message);
                }
                case CLIENT_FIRST_AFTER_EMPTY -> clientFirst(message);
                case CLIENT_FINAL -> clientFinal(message);
                case DONE -> notScram("the exchange is over");
            };
        } catch (IllegalArgumentException e) {
            return notScram(e.getMessage());
        }
    }

    private AuthenticationStep clientFirst(String message) {
        String flag = message.startsWith("n,") || message.startsWith("y,") ? message.substring(0, 1) : null;
        if (flag == null) {
            return notScram(message.startsWith("p=") ? "channel binding is not supported"
                    : "a client-first-message starts with n, y or p=");
        }
        int headerEnd = message.indexOf(',', 2);
        if (headerEnd < 0) {
            return notScram("the GS2 header does not end");
        }
        String authzid = message.substring(2, headerEnd);
        gs2Header = message.substring(0, headerEnd + 1);
        clientFirstBare = message.substring(headerEnd + 1);
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes.length < 2 || attributes[0].startsWith("m=")) {
            return notScram(attributes[0].startsWith("m=") ? "mandatory extensions are not supported"
                    : "a client-first-message has a user name and a nonce");
        }
        username = saslName(value(attributes[0], 'n'));
        String clientNonce = value(attributes[1], 'r');
        if (username.isEmpty() || !printable(clientNonce)) {
            return notScram("an empty user name, or a nonce that is empty or not printable");
        }
        if (!authzid.isEmpty() && !saslName(value(authzid, 'a')).equals(username)) {
            return notScram("authorisation identities other than the user are not supported");
        }
        if (connectUsername != null && !connectUsername.equals(username)) {
            return notScram("the SCRAM user name is not the CONNECT's User Name");
        }
        keys = method.keys(username);
        nonce = clientNonce + method.nonce();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(keys.salt()) + ",i="
                + keys.iterations();
        state = State.CLIENT_FINAL;
        return AuthenticationStep.challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private AuthenticationStep clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return notScram("a client-final-message ends with the proof");
        }
        String withoutProof = message.substring(0, proofAt);
        byte[] proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2) {
            return notScram("a client-final-message has channel binding data and a nonce");
        }
        byte[] binding = Base64.getDecoder().decode(value(attributes[0], 'c'));
        if (!MessageDigest.isEqual(binding, gs2Header.getBytes(StandardCharsets.UTF_8))) {
            return notScram("the channel binding data is not the GS2 header of the client-first-message");
        }
        if (!value(attributes[1], 'r').equals(nonce)) {
            return notScram("the nonce is not the one of the server-first-message");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = Scram.hmac(keys.storedKey(), authMessage);
        boolean valid = proof.length == clientSignature.length
                && MessageDigest.isEqual(Scram.hash(Scram.xor(proof, clientSignature)), keys.storedKey());
        if (!valid || !keys.known()) {
            return AuthenticationStep.failure(ConnectCode.BAD_USER_NAME_OR_PASSWORD,
                    "SCRAM-SHA-256: invalid proof for user " + username);
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(Scram.hmac(keys.serverKey(), authMessage));
        return AuthenticationStep.success(username, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static AuthenticationStep notScram(String why) {
        return AuthenticationStep.failure(ConnectCode.NOT_AUTHORIZED, "SCRAM-SHA-256: " + why);
    }

    /** @return the value of an attribute {@code name=value}, or throws naming the attribute expected */
    private static String value(String attribute, char name) {
        if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw new IllegalArgumentException("expected the attribute " + name + "= but got '" + attribute + "'");
        }
        return attribute.substring(2);
    }

    /** Decodes a saslname: {@code =2C} is a comma, {@code =3D} an equals sign, any other {@code =} is invalid. */
    private static String saslName(String encoded) {
        StringBuilder name = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '=') {
                name.append(c);
            } else if (encoded.startsWith("2C", i + 1) || encoded.startsWith("3D", i + 1)) {
                name.append(encoded.charAt(i + 1) == '2' ? ',' : '=');
                i += 2;
            } else {
                throw new IllegalArgumentException("a user name with an '=' not followed by 2C or 3D");
            }
        }
        return name.toString();
    }

    private static boolean printable(String nonce) {
        return !nonce.isEmpty() && nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a message that is not UTF-8");
        }
    }
}
