package dev.midge.broker.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code listener} blocks of a configuration file and the settings that follow each ({@code protocol},
 * {@code certfile}, {@code keyfile}, {@code cafile}, {@code require_certificate}), checked against what the broker
 * has: one address, and at most one listener of each kind (TCP, WebSocket, TLS, secure WebSocket) sharing one
 * certificate.
 */
final class Listeners {

    /** Where a listener without an address listens: loopback, the broker's safe default. */
    static final String DEFAULT_ADDRESS = "127.0.0.1";

    enum Kind { TCP, WEBSOCKET, TLS, SECURE_WEBSOCKET }

    private static final class Listener {
        final int line;
        final int port;
        final String address;
        boolean websockets;
        Path certfile;
        Path keyfile;
        Path cafile;
        boolean requireCertificate;

        Listener(int line, int port, String address) {
            this.line = line;
            this.port = port;
            this.address = address;
        }

        Kind kind() {
            boolean tls = certfile != null || keyfile != null;
            return websockets ? (tls ? Kind.SECURE_WEBSOCKET : Kind.WEBSOCKET) : (tls ? Kind.TLS : Kind.TCP);
        }
    }

    private final Path file;
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<Kind, Integer> ports = new EnumMap<>(Kind.class);
    private String address;
    private Path certificate;
    private Path key;
    private Path clientCa;

    Listeners(Path file) {
        this.file = file;
    }

    void listener(int line, int port, String listenAddress) {
        listeners.add(new Listener(line, port, listenAddress == null ? DEFAULT_ADDRESS : listenAddress));
    }

    void protocol(int line, String value) {
        switch (value) {
            case "mqtt" -> current(line, "protocol").websockets = false;
            case "websockets" -> current(line, "protocol").websockets = true;
            default -> throw new ConfigException(file, line, "protocol must be mqtt or websockets, not '" + value + "'");
        }
    }

    void certfile(int line, Path value) {
        current(line, "certfile").certfile = value;
    }

    void keyfile(int line, Path value) {
        current(line, "keyfile").keyfile = value;
    }

    void cafile(int line, Path value) {
        current(line, "cafile").cafile = value;
    }

    void requireCertificate(int line, boolean value) {
        current(line, "require_certificate").requireCertificate = value;
    }

    /**
     * Checks the listeners once the whole file is read.
     */
    void finish() {
        Listener firstTls = null;
        for (Listener listener : listeners) {
            Kind kind = listener.kind();
            if (ports.containsKey(kind)) {
                throw new ConfigException(file, listener.line, "a second " + describe(kind) + " listener: the broker "
                        + "has at most one listener of each kind (mqtt, websockets, and each with TLS)");
            }
            if (address != null && !address.equals(listener.address)) {
                throw new ConfigException(file, listener.line, "listener on " + listener.address + " but another "
                        + "listens on " + address + ": every listener of the broker uses the same address");
            }
            address = listener.address;
            ports.put(kind, listener.port);
            if (kind == Kind.TLS || kind == Kind.SECURE_WEBSOCKET) {
                checkTls(listener, firstTls);
                firstTls = firstTls == null ? listener : firstTls;
            }
        }
        if (!listeners.isEmpty() && !ports.containsKey(Kind.TCP)) {
            throw new ConfigException(file, listeners.get(0).line, "no plain mqtt listener: the broker always "
                    + "serves MQTT over TCP, add one (for example 'listener 1883')");
        }
    }

    private void checkTls(Listener listener, Listener firstTls) {
        if (listener.certfile == null || listener.keyfile == null) {
            throw new ConfigException(file, listener.line, "a TLS listener needs both certfile and keyfile");
        }
        if (listener.requireCertificate && listener.cafile == null) {
            throw new ConfigException(file, listener.line, "require_certificate true needs a cafile holding the "
                    + "certificates clients must present, or those that sign them");
        }
        if (firstTls != null && !(listener.certfile.equals(firstTls.certfile) && listener.keyfile.equals(firstTls.keyfile)
                && listener.requireCertificate == firstTls.requireCertificate
                && Objects.equals(listener.cafile, firstTls.cafile))) {
            throw new ConfigException(file, listener.line, "both TLS listeners must use the same certfile, keyfile, "
                    + "cafile and require_certificate as the one on line " + firstTls.line);
        }
        certificate = listener.certfile;
        key = listener.keyfile;
        clientCa = listener.requireCertificate ? listener.cafile : null;
    }

    private Listener current(int line, String keyword) {
        if (listeners.isEmpty()) {
            throw new ConfigException(file, line, keyword + " applies to a listener: put it after a 'listener PORT' "
                    + "line");
        }
        return listeners.get(listeners.size() - 1);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case TCP -> "mqtt";
            case WEBSOCKET -> "websockets";
            case TLS -> "mqtt TLS";
            case SECURE_WEBSOCKET -> "websockets TLS";
        };
    }

    /** @return the address every listener uses, or null when the file has no listener */
    String address() {
        return address;
    }

    /** @return the port of that kind of listener, or -1 when there is none */
    int port(Kind kind) {
        return ports.getOrDefault(kind, -1);
    }

    /** @return the certificate chain of the TLS listeners, or null */
    Path certificate() {
        return certificate;
    }

    /** @return the private key of the TLS listeners, or null */
    Path key() {
        return key;
    }

    /** @return the certificates TLS clients must present, or be signed by; null when none is required */
    Path clientCa() {
        return clientCa;
    }
}
