package dev.midge.broker;

/**
 * How MQTT reaches a broker: the transport of a client's connection (in {@link BrokerEvent.ClientConnected}), of a
 * listener, and of a bridge's connection to its upstream ({@link BridgeAddress}).
 */
public enum Transport {
    /** MQTT over plain TCP. */
    TCP("TCP", false, false),
    /** MQTT over TLS. */
    TLS("TLS", false, true),
    /** MQTT over WebSocket. */
    WEBSOCKET("WebSocket", true, false),
    /** MQTT over WebSocket over TLS. */
    SECURE_WEBSOCKET("secure WebSocket", true, true);

    private final String displayName;
    private final boolean websocket;
    private final boolean tls;

    Transport(String displayName, boolean websocket, boolean tls) {
        this.displayName = displayName;
        this.websocket = websocket;
        this.tls = tls;
    }

    /** @return whether the connection is encrypted */
    public boolean tls() {
        return tls;
    }

    /** @return whether MQTT travels in WebSocket frames */
    public boolean websocket() {
        return websocket;
    }

    /** @return its name in messages: {@code TCP}, {@code TLS}, {@code WebSocket} or {@code secure WebSocket} */
    @Override
    public String toString() {
        return displayName;
    }
}
