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
     * Sends a PUBLISH, its topic possibly as an MQTT 5 topic alias: as {@link #publishPacketSize}, asked just before
     * about the same message, counted it.
     *
     * @param packetId                0 for QoS 0, otherwise the packet identifier
     * @param message                 the message with the QoS and retain flag to send
     * @param duplicate               the DUP flag
     * @param subscriptionIdentifiers MQTT 5 subscription identifiers of the matching subscriptions (may be empty)
     */
    void sendPublish(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers);

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
     * @return the largest packet the client accepts, in bytes (MQTT 5 Maximum Packet Size), or
     *         {@link Integer#MAX_VALUE} when it set no limit
     */
    int maximumPacketSize();

    /**
     * @param message                 a message about to be sent
     * @param packetId                its packet identifier
     * @param subscriptionIdentifiers the subscription identifiers that would be sent with it
     * @return the size of the PUBLISH packet that would carry it if it were sent now, topic alias included, in bytes
     */
    int publishPacketSize(Message message, int packetId, List<Integer> subscriptionIdentifiers);

    /**
     * Ends the connection from the broker's side, telling MQTT 5 clients why with a DISCONNECT where the protocol
     * allows it. The transport reports the end through {@link BrokerCore#disconnected} with the same reason.
     *
     * @param reason why
     * @param detail more about the reason, or an empty string
     */
    void close(DisconnectReason reason, String detail);
}
