package dev.midge.broker.internal;

import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.internal.tls.TlsIdentity;

import java.util.Map;

/**
 * The settings of one broker, checked by the builder.
 *
 * @param host                the address the listeners bind to
 * @param port                the TCP port, 0 for a free one
 * @param websocketPort       the WebSocket port, 0 for a free one, -1 for no WebSocket listener
 * @param tlsPort             the TLS port, 0 for a free one, -1 for no TLS listener
 * @param secureWebsocketPort the secure WebSocket port, 0 for a free one, -1 for no secure WebSocket listener
 * @param tls                 what the TLS listeners present, or null when there is none
 * @param trustedClientsPem   the PEM certificates a TLS client's certificate must be or be signed by, or null when
 *                            the TLS listeners ask for none
 * @param maxPacketSize       the largest packet accepted from a client, in bytes
 * @param maxConnections      how many clients may be connected at once
 * @param maxQueuedMessages   how many QoS 1/2 messages a session queues behind its in-flight window
 * @param maxQueuedBytes      how many bytes of QoS 1/2 messages a session queues behind its in-flight window
 * @param memoryBudgetBytes   the broker-wide budget for queued, in-flight and partly received bytes
 * @param maxInflightMessages how many QoS 1/2 messages may await acknowledgement per client
 * @param connectTimeoutMillis how long a new connection may take to send CONNECT
 * @param writeTimeoutMillis  how long a connection may stay unable to take more data before it is closed
 * @param maxKeepAliveSeconds the longest keep-alive interval granted to MQTT 5 clients, 0 for no limit
 * @param sysIntervalMillis   the time between two publications of the {@code $SYS} topics, 0 for none
 * @param topicAliases        whether PUBLISH packets to MQTT 5 clients carry topic aliases
 * @param authenticator       decides who may connect
 * @param authorizer          decides who may publish and subscribe where
 * @param authenticationMethods the MQTT 5 enhanced authentication methods, by name
 * @param responseInformation what precedes the client identifier in the Response Information sent to MQTT 5
 *                            clients that ask for it, or null to send none
 */
public record BrokerConfig(String host, int port, int websocketPort, int tlsPort, int secureWebsocketPort,
                           TlsIdentity tls, String trustedClientsPem, int maxPacketSize, int maxConnections,
                           int maxQueuedMessages, long maxQueuedBytes, long memoryBudgetBytes,
                           int maxInflightMessages, long connectTimeoutMillis, long writeTimeoutMillis,
                           int maxKeepAliveSeconds, long sysIntervalMillis, boolean topicAliases,
                           Authenticator authenticator, Authorizer authorizer,
                           Map<String, AuthenticationMethod> authenticationMethods, String responseInformation) {
}
