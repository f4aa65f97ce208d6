package dev.midge.broker;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One address of a bridge's upstream broker.
 *
 * @param transport     how the bridge reaches it
 * @param host          its host name or IP address
 * @param port          its port
 * @param websocketPath the path of its WebSocket endpoint, used with the WebSocket transports
 */
public record BridgeAddress(Transport transport, String host, int port, String websocketPath) {

    private static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

    /**
     * @param transport     how the bridge reaches it
     * @param host          its host name or IP address
     * @param port          its port, 1 to 65535
     * @param websocketPath the path of its WebSocket endpoint, starting with {@code /}
     * @throws IllegalArgumentException when the port is out of range or the path does not start with {@code /}
     */
    public BridgeAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(websocketPath, "websocketPath");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a bridge address needs a port from 1 to 65535, not " + port);
        }
        if (!websocketPath.startsWith("/")) {
            throw new IllegalArgumentException("a WebSocket path starts with '/', not '" + websocketPath + "'");
        }
    }

    /**
     * @param address {@code host}, {@code host:port}, or a URL {@code tcp://host:port}, {@code tls://} (or
     *                {@code ssl://}, {@code mqtts://}), {@code ws://host:port/path} or {@code wss://}; the port
     *                defaults to 1883, 8883, 80 and 443, the WebSocket path to {@code /mqtt}
     * @throws IllegalArgumentException when the text is none of these
     */
    static BridgeAddress parse(String address) {
        URI uri;
        try {
            uri = URI.create(address.contains("://") ? address : "tcp://" + address);
        } catch (IllegalArgumentException e) {
            throw unreadable(address);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Transport transport = switch (scheme) {
            case "tcp", "mqtt" -> Transport.TCP;
            case "tls", "ssl", "mqtts" -> Transport.TLS;
            case "ws" -> Transport.WEBSOCKET;
            case "wss" -> Transport.SECURE_WEBSOCKET;
            default -> throw unreadable(address);
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw unreadable(address);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : switch (transport) {
            case TCP -> 1883;
            case TLS -> 8883;
            case WEBSOCKET -> 80;
            case SECURE_WEBSOCKET -> 443;
        };
        String path = transport.websocket() && uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                ? uri.getRawPath() : DEFAULT_WEBSOCKET_PATH;
        return new BridgeAddress(transport, host, port, path);
    }

    private static IllegalArgumentException unreadable(String address) {
        return new IllegalArgumentException("a bridge address is host[:port], or tcp://, tls://, ws:// or "
                + "wss:// followed by host[:port], not '" + address + "'");
    }

    /** @return this address reached over TLS: itself when it already is */
    BridgeAddress secured() {
        if (transport.tls()) {
            return this;
        }
        Transport secure = transport.websocket() ? Transport.SECURE_WEBSOCKET : Transport.TLS;
        return new BridgeAddress(secure, host, port, websocketPath);
    }

    /** @return {@code host:port}, the host in brackets when it is an IPv6 address */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
