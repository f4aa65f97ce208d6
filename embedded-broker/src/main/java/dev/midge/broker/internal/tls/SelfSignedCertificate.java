package dev.midge.broker.internal.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes a fresh self-signed certificate, for a broker on this machine or a client of it: an EC P-256 key, valid from a day ago for ten
 * years, naming {@code localhost}, {@code 127.0.0.1} and {@code ::1} as subject alternative names so that clients
 * that check the host name accept it on loopback. It is its own certificate authority (basic constraints CA, key
 * usage digital signature and certificate signing), so that OpenSSL-based clients given it as their CA file trust
 * it as well as Java clients do. Tests also have it sign keys of their own, RSA or EC, for names of their choice.
 */
final class SelfSignedCertificate {

    static final String BROKER_NAME = "Midge test broker";

    private static final String EC_PUBLIC_KEY_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String RSA_WITH_SHA256 = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final byte DIGITAL_SIGNATURE_AND_KEY_CERT_SIGN = (byte) 0x84;
    private static final int UNUSED_BITS_AFTER_KEY_CERT_SIGN = 2;
    private static final int SERIAL_BYTES = 16;
    private static final int VALID_YEARS = 10;
    private static final List<byte[]> LOOPBACK_ADDRESSES = List.of(
            new byte[] {127, 0, 0, 1},
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private SelfSignedCertificate() {
    }

    /**
     * @param commonName the subject's common name
     * @return the key pair and its certificate
     */
    static Generated create(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return new Generated(keys, sign(keys, commonName, List.of("localhost"), LOOPBACK_ADDRESSES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make an EC P-256 certificate: " + e.getMessage(), e);
        }
    }

    /**
     * @param keys       an EC or RSA key pair
     * @param commonName the subject's common name
     * @param hostNames  the host names the certificate is valid for
     * @param addresses  the IP addresses the certificate is valid for, each of 4 or 16 bytes
     * @return a certificate of the public key, signed with the private key (ECDSA or RSA, with SHA-256)
     * @throws GeneralSecurityException when the keys are neither EC nor RSA
     */
    static X509Certificate sign(KeyPair keys, String commonName, List<String> hostNames, List<byte[]> addresses)
            throws GeneralSecurityException {
        boolean rsa = "RSA".equals(keys.getPrivate().getAlgorithm());
        byte[] algorithm = rsa
                ? Der.sequence(Der.oid(RSA_WITH_SHA256), Der.nullValue())
                : Der.sequence(Der.oid(EC_PUBLIC_KEY_WITH_SHA256));
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] publicKeyInfo = keys.getPublic().getEncoded();
        byte[] toBeSigned = Der.sequence(
                Der.explicit(0, Der.integer(new byte[] {2})),
                Der.integer(serialNumber()),
                algorithm,
                name,
                Der.sequence(Der.time(now.minusDays(1)), Der.time(now.plusYears(VALID_YEARS))),
                name,
                publicKeyInfo,
                Der.explicit(3, Der.sequence(
                        extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                        extension(KEY_USAGE, true, keyUsage()),
                        extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(publicKeyInfo))),
                        extension(SUBJECT_ALTERNATIVE_NAME, false, alternativeNames(hostNames, addresses)))));
        Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(toBeSigned);
        byte[] encoded = Der.sequence(toBeSigned, algorithm, Der.bitString(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    /**
     * @param keys        the key pair
     * @param certificate the certificate of its public key, signed with its private key
     */
    record Generated(KeyPair keys, X509Certificate certificate) {
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] keyUsage() {
        byte[] bits = Der.bitString(new byte[] {DIGITAL_SIGNATURE_AND_KEY_CERT_SIGN});
        bits[2] = UNUSED_BITS_AFTER_KEY_CERT_SIGN;
        return bits;
    }

    private static byte[] alternativeNames(List<String> hostNames, List<byte[]> addresses) {
        List<byte[]> names = new ArrayList<>();
        hostNames.forEach(host -> names.add(Der.implicit(DNS_NAME, host.getBytes(StandardCharsets.US_ASCII))));
        addresses.forEach(address -> names.add(Der.implicit(IP_ADDRESS, address)));
        return Der.sequence(names.toArray(byte[][]::new));
    }

    private static byte[] serialNumber() {
        byte[] serial = new byte[SERIAL_BYTES];
        new SecureRandom().nextBytes(serial);
        serial[0] = (byte) ((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static byte[] keyIdentifier(byte[] publicKeyInfo) throws GeneralSecurityException {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKeyInfo), 20);
    }
}
