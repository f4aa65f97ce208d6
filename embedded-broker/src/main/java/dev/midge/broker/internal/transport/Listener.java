package dev.midge.broker.internal.transport;

/**
 * What a connection needs to know about the listener that accepted it.
 *
 * @param websocket            whether it speaks MQTT over WebSocket
 * @param maxPacketSize        the largest packet accepted from clients
 * @param connectTimeoutMillis how long a new connection may take to send CONNECT
 */
record Listener(boolean websocket, int maxPacketSize, long connectTimeoutMillis) {
}
