package dev.midge.broker.internal;

/**
 * The four ways a client can reach the broker, each on its own listener and port.
 */
public enum Endpoint {
    /** MQTT over plain TCP. */
    TCP("tcp", "TCP", false, false),
    /** MQTT over WebSocket, path {@code /mqtt}. */
    WEBSOCKET("websocket", "WebSocket", true, false),
    /** MQTT over TLS. */
    TLS("tls", "TLS", false, true),
    /** MQTT over WebSocket over TLS, path {@code /mqtt}. */
    SECURE_WEBSOCKET("secure websocket", "secure WebSocket", true, true);

    private final String label;
    private final String displayName;
    private final boolean websocket;
    private final boolean tls;

    Endpoint(String label, String displayName, boolean websocket, boolean tls) {
        this.label = label;
        this.displayName = displayName;
        this.websocket = websocket;
        this.tls = tls;
    }

    /** @return the name events give this transport */
    public String label() {
        return label;
    }

    /** @return the name messages give this transport */
    public String displayName() {
        return displayName;
    }

    /** @return whether MQTT travels in WebSocket frames */
    public boolean websocket() {
        return websocket;
    }

    /** @return whether the connection is encrypted */
    public boolean tls() {
        return tls;
    }
}
