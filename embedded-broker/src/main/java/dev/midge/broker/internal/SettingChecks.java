package dev.midge.broker.internal;

import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.internal.tls.TlsIdentity;

import java.nio.file.Path;

/**
 * The checks and derived defaults behind the settings of {@link BrokerBuilder}, so that every refusal reads the same
 * way: the setting's name, the range it takes, and the value it was given.
 */
final class SettingChecks {

    /** The share of the JVM's maximum heap the default memory budget allows: a quarter. */
    private static final int HEAP_SHARE_DIVISOR = 4;

    private SettingChecks() {
    }

    /** @return the default memory budget: a quarter of the JVM's maximum heap */
    static long defaultMemoryBudget() {
        return Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR;
    }

    /** @return the port, when it is one a listener can ask for (0 for a free one) */
    static int port(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 (a free port) and 65535, not " + port);
        }
        return port;
    }

    /** @return the count, when it is at least 1 */
    static int positive(int count, String name) {
        return (int) atLeastOne(count, name, "");
    }

    /** @return the value, when it is at least 1 (of the unit, which follows the 1 in the message) */
    static long atLeastOne(long value, String name, String unit) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1" + unit + ", not " + value);
        }
        return value;
    }

    /** @return the value, when it lies between min and max included (in the unit, which follows max in the message) */
    static int between(int value, int min, int max, String name, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + unit + ", not "
                    + value);
        }
        return value;
    }

    /**
     * @return the identity the TLS listeners present: the given certificate, or a self-signed one; null without TLS
     *         listeners
     * @throws IllegalStateException when a certificate was given without a TLS listener to present it
     */
    static TlsIdentity tlsIdentity(boolean tls, Path certificateChain, Path privateKey, Path trustedClients) {
        if (!tls && (certificateChain != null || trustedClients != null)) {
            throw new IllegalStateException((certificateChain != null ? "tlsCertificate" : "tlsClientCertificates")
                    + "(...) was given but there is no TLS listener: add tlsPort(8883) or secureWebsocketPort(8084)");
        }
        if (!tls) {
            return null;
        }
        return certificateChain == null ? TlsIdentity.selfSigned() : TlsIdentity.fromPemFiles(certificateChain,
                privateKey);
    }
}
