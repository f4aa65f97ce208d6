package dev.midge.broker.internal.tls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * A key pair the JDK makes afresh for a test, with its private key in PEM in each form tools write one, and
 * self-signed certificates of it: tests of key files write these rather than keep keys in the repository.
 * PKCS#8 is the JDK's own encoding; PKCS#1 (RSA) and SEC1 (EC) are the key held inside it, SEC1 given the curve and
 * public key that OpenSSL writes into it and the JDK leaves out.
 */
public final class TestKeys {

    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 16;
    private static final int PASSWORD_BYTES = 24;
    private static final int PBE_ITERATIONS = 10_000;
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final byte[] LOOPBACK_V4 = {127, 0, 0, 1};

    /** The kinds of key pair. */
    public enum Algorithm {
        /** RSA with a 2048-bit modulus. */
        RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
        /** EC on NIST P-256 (secp256r1). */
        EC_P256("EC", new ECGenParameterSpec("secp256r1")),
        /** EC on NIST P-384 (secp384r1). */
        EC_P384("EC", new ECGenParameterSpec("secp384r1"));

        private final String name;
        private final AlgorithmParameterSpec parameters;

        Algorithm(String name, AlgorithmParameterSpec parameters) {
            this.name = name;
            this.parameters = parameters;
        }
    }

    /** The forms of an unencrypted private key in PEM. */
    public enum Form {
        /** PKCS#8, {@code BEGIN PRIVATE KEY}, for any algorithm. */
        PKCS8,
        /** PKCS#1, {@code BEGIN RSA PRIVATE KEY}, RSA only: what older OpenSSL writes. */
        PKCS1,
        /** SEC1, {@code BEGIN EC PRIVATE KEY}, EC only: what {@code openssl ec} writes. */
        SEC1,
        /**
         * SEC1 after a {@code BEGIN EC PARAMETERS} block naming the curve: what {@code openssl ecparam -genkey}
         * writes.
         */
        SEC1_AFTER_PARAMETERS
    }

    private final KeyPair keys;

    private TestKeys(KeyPair keys) {
        this.keys = keys;
    }

    /**
     * @param algorithm the kind of key pair
     * @return a fresh key pair of that kind
     */
    public static TestKeys generate(Algorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name);
        generator.initialize(algorithm.parameters);
        return new TestKeys(generator.generateKeyPair());
    }

    /**
     * @param form the form to write the key in
     * @return the private key in PEM
     * @throws IllegalArgumentException when the form is not one for this key's algorithm
     */
    public String privateKeyPem(Form form) {
        String algorithm = keys.getPrivate().getAlgorithm();
        boolean fits = switch (form) {
            case PKCS8 -> true;
            case PKCS1 -> algorithm.equals("RSA");
            case SEC1, SEC1_AFTER_PARAMETERS -> algorithm.equals("EC");
        };
        if (!fits) {
            throw new IllegalArgumentException(form + " is no form of an " + algorithm + " key");
        }
        return switch (form) {
            case PKCS8 -> TlsIdentity.pem("PRIVATE KEY", keys.getPrivate().getEncoded());
            case PKCS1 -> TlsIdentity.pem("RSA PRIVATE KEY", keyInsidePkcs8());
            case SEC1 -> TlsIdentity.pem("EC PRIVATE KEY", sec1());
            case SEC1_AFTER_PARAMETERS -> TlsIdentity.pem("EC PARAMETERS", curve())
                    + TlsIdentity.pem("EC PRIVATE KEY", sec1());
        };
    }

    /**
     * @return the private key as an encrypted PKCS#8 PEM ({@code BEGIN ENCRYPTED PRIVATE KEY}; PBES2 with
     *         HMAC-SHA256 and AES-256) under a random password that is kept nowhere, for tests of its refusal
     */
    public String encryptedPrivateKeyPem() throws GeneralSecurityException, IOException {
        SecureRandom random = new SecureRandom();
        char[] password = Base64.getEncoder().encodeToString(randomBytes(random, PASSWORD_BYTES)).toCharArray();
        Cipher cipher = Cipher.getInstance(PBE);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(PBE).generateSecret(new PBEKeySpec(password)),
                new PBEParameterSpec(randomBytes(random, SALT_BYTES), PBE_ITERATIONS,
                        new IvParameterSpec(randomBytes(random, IV_BYTES))));
        // Java 17's EncryptedPrivateKeyInfo finds no object identifier for the cipher's name; it does for PBES2's.
        AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
        pbes2.init(cipher.getParameters().getEncoded());
        EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(pbes2,
                cipher.doFinal(keys.getPrivate().getEncoded()));
        return TlsIdentity.pem("ENCRYPTED PRIVATE KEY", encrypted.getEncoded());
    }

    /**
     * @return a fresh certificate of the key pair, signed with its private key, for {@code localhost} and
     *         {@code 127.0.0.1}
     */
    public X509Certificate loopbackCertificate() throws GeneralSecurityException {
        return SelfSignedCertificate.sign(keys, "localhost", List.of("localhost"), List.of(LOOPBACK_V4));
    }

    /**
     * @param hostName the only name the certificate is to be valid for
     * @return a fresh certificate of the key pair, signed with its private key, for that host name alone
     */
    public X509Certificate certificateFor(String hostName) throws GeneralSecurityException {
        return SelfSignedCertificate.sign(keys, hostName, List.of(hostName), List.of());
    }

    /**
     * @param certificate a certificate
     * @return it in PEM
     */
    public static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return TlsIdentity.pem("CERTIFICATE", certificate.getEncoded());
    }

    /** @return the {@code privateKey} OCTET STRING's content: RSAPrivateKey for RSA, ECPrivateKey for EC */
    private byte[] keyInsidePkcs8() {
        return DerElement.read(keys.getPrivate().getEncoded()).children().get(2).content();
    }

    /** @return the named curve, the parameters of the PKCS#8 key's algorithm */
    private byte[] curve() {
        return DerElement.read(keys.getPrivate().getEncoded()).children().get(1).children().get(1).encoded();
    }

    /** @return the JDK's ECPrivateKey (version and key) with the curve [0] and the public key [1] added */
    private byte[] sec1() {
        List<DerElement> versionAndKey = DerElement.read(keyInsidePkcs8()).children();
        byte[] publicKey = DerElement.read(keys.getPublic().getEncoded()).children().get(1).encoded();
        return Der.sequence(versionAndKey.get(0).encoded(), versionAndKey.get(1).encoded(),
                Der.explicit(0, curve()), Der.explicit(1, publicKey));
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
