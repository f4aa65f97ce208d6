package dev.midge.broker.internal;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;

import java.util.List;

/**
 * The core's view of one client connection: what it may send to the client. Implemented by the transport.
 *
 * <p>The core calls it on the broker's thread only.
 */
public interface ClientLink {

    /**
     * @return the client's MQTT version
     */
    ProtocolVersion protocolVersion();

    /**
     * Sends a PUBLISH, its topic possibly as an MQTT 5 topic alias, unless the packet would be larger than the
     * client's MQTT 5 Maximum Packet Size: then it sends nothing (MQTT-3.1.2-24) and the core drops the message as if
     * it had been delivered (MQTT-3.1.2-25).
     *
     * @param packetId                0 for QoS 0, otherwise the packet identifier
     * @param message                 the message with the QoS and retain flag to send
     * @param duplicate               the DUP flag
     * @param subscriptionIdentifiers MQTT 5 subscription identifiers of the matching subscriptions (may be empty)
     * @return true when the PUBLISH went out, false when it was too large for the client
     */
    boolean sendPublish(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers);

    /**
     * Sends a PUBREL for an outgoing QoS 2 message the client has acknowledged with PUBREC.
     *
     * @param packetId the packet identifier
     */
    void sendPubrel(int packetId);

    /**
     * @return false while the connection's outgoing buffer is over its high-water mark
     */
    boolean isWritable();

    /**
     * @return how many QoS 1 and 2 messages the client accepts unacknowledged (MQTT 5 Receive Maximum; 65535 for
     *         clients that set none)
     */
    int receiveMaximum();

    /**
     * Ends the connection from the broker's side, telling MQTT 5 clients why with a DISCONNECT where the protocol
     * allows it. The transport reports the end through {@link BrokerCore#disconnected} with the same reason.
     *
     * @param reason why
     * @param detail more about the reason, or an empty string
     */
    void close(DisconnectReason reason, String detail);
}
