package dev.midge.broker.internal.transport;

/**
 * The four ways a client can reach the broker, each on its own listener and port.
 */
public enum Endpoint {
    /** MQTT over plain TCP. */
    TCP("tcp", false, false),
    /** MQTT over WebSocket, path {@code /mqtt}. */
    WEBSOCKET("websocket", true, false),
    /** MQTT over TLS. */
    TLS("tls", false, true),
    /** MQTT over WebSocket over TLS, path {@code /mqtt}. */
    SECURE_WEBSOCKET("secure websocket", true, true);

    private final String label;
    private final boolean websocket;
    private final boolean tls;

    Endpoint(String label, boolean websocket, boolean tls) {
        this.label = label;
        this.websocket = websocket;
        this.tls = tls;
    }

    /** @return the name events and messages give this transport */
    public String label() {
        return label;
    }

    boolean websocket() {
        return websocket;
    }

    boolean tls() {
        return tls;
    }
}
