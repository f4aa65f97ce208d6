package dev.midge.broker.internal.transport;

import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.Transport;

import java.util.Map;

/**
 * What a connection needs to know about the listener that accepted it.
 *
 * @param transport             the transport it serves
 * @param maxPacketSize        the largest packet accepted from clients
 * @param connectTimeoutMillis how long a new connection may take to send CONNECT
 * @param maxKeepAliveSeconds  the longest keep-alive interval granted to MQTT 5 clients, 0 for no limit
 * @param receiveMaximum       how many QoS 2 messages an MQTT 5 client may have awaiting PUBREL at once
 * @param writeTimeoutMillis   how long a connection may stay unable to take more data before it is closed
 * @param authenticationMethods the enhanced authentication methods by name
 * @param responseInformation  what precedes the client identifier in the Response Information of MQTT 5 clients
 *                             that ask for it, or null to send none
 * @param topicAliases         whether PUBLISH packets to MQTT 5 clients carry topic aliases
 * @param timers               the connections' timers, on real or virtual time
 */
record Listener(Transport transport, int maxPacketSize, long connectTimeoutMillis, int maxKeepAliveSeconds,
                int receiveMaximum, long writeTimeoutMillis, Map<String, AuthenticationMethod> authenticationMethods,
                String responseInformation, boolean topicAliases, ConnectionTimers timers) {

    /** @return whether it speaks MQTT over WebSocket */
    boolean websocket() {
        return transport.websocket();
    }
}
