package dev.midge.broker.internal;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;

/**
 * The settings of one broker, checked by the builder.
 *
 * @param host                the address the listeners bind to
 * @param port                the TCP port, 0 for a free one
 * @param websocketPort       the WebSocket port, 0 for a free one, -1 for no WebSocket listener
 * @param maxPacketSize       the largest packet accepted from a client, in bytes
 * @param maxConnections      how many clients may be connected at once
 * @param maxQueuedMessages   how many QoS 1/2 messages a session queues behind its in-flight window
 * @param maxInflightMessages how many QoS 1/2 messages may await acknowledgement per client
 * @param connectTimeoutMillis how long a new connection may take to send CONNECT
 * @param maxKeepAliveSeconds the longest keep-alive interval granted to MQTT 5 clients, 0 for no limit
 * @param authenticator       decides who may connect
 * @param authorizer          decides who may publish and subscribe where
 */
public record BrokerConfig(String host, int port, int websocketPort, int maxPacketSize, int maxConnections,
                           int maxQueuedMessages, int maxInflightMessages, long connectTimeoutMillis,
                           int maxKeepAliveSeconds, Authenticator authenticator, Authorizer authorizer) {
}
