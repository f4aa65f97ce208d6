package dev.midge.broker;

import java.time.Instant;

/**
 * Something the broker did. Every event has the time it happened and the client it concerns; the JUnit extension
 * records them to answer assertions and to print transcripts.
 *
 * <p>Events are emitted on the broker's own thread, in the order things happened.
 */
public sealed interface BrokerEvent {

    /**
     * @return when the event happened, read from the broker's clock
     */
    Instant time();

    /**
     * @return the client identifier the event concerns; {@code null} only for
     *         {@link MessagePublished} events of messages published through {@link Broker#publish(Message)},
     *         {@link MessageDropped} events of retained messages not kept, and {@link ConnectionRefused} events of
     *         connections closed before their CONNECT
     */
    String clientId();

    /**
     * A client's CONNECT was accepted.
     *
     * @param time            when
     * @param clientId        the client identifier (assigned by the broker when the client sent an empty one)
     * @param protocolVersion 3 (MQTT 3.1), 4 (3.1.1) or 5 (5.0)
     * @param cleanStart      the clean session (3.x) or clean start (5.0) flag
     * @param sessionPresent  whether an earlier session was resumed
     * @param username        the user name the client sent, or {@code null}
     * @param transport       how the client reached the broker; for the session of one of this broker's bridges,
     *                        how the bridge reaches its upstream
     * @param keepAliveSeconds the keep-alive interval the client asked for (0 = none)
     */
    record ClientConnected(Instant time, String clientId, int protocolVersion, boolean cleanStart,
                           boolean sessionPresent, String username, Transport transport, int keepAliveSeconds)
            implements BrokerEvent {
    }

    /**
     * A client's CONNECT was refused with a CONNACK error code, or its connection was closed as soon as it was
     * accepted because live connections held all the room the memory budget gives them.
     *
     * @param time     when
     * @param clientId the client identifier the client sent (may be empty), or {@code null} for a connection closed
     *                 before its CONNECT
     * @param code     the code sent in CONNACK; {@link ConnectCode#SERVER_BUSY} for a connection closed before its
     *                 CONNECT, to which nothing was sent
     */
    record ConnectionRefused(Instant time, String clientId, ConnectCode code) implements BrokerEvent {
    }

    /**
     * A client subscribed to a topic filter and the broker granted it.
     *
     * @param time         when
     * @param clientId     who
     * @param filter       the topic filter, as sent (including any {@code $share/group/} prefix)
     * @param requestedQos the maximum QoS the client asked for
     * @param grantedQos   the maximum QoS the broker granted
     */
    record Subscribed(Instant time, String clientId, String filter, QoS requestedQos, QoS grantedQos)
            implements BrokerEvent {
    }

    /**
     * A client asked for a subscription and the broker refused it (failure code in SUBACK).
     *
     * @param time     when
     * @param clientId who
     * @param filter   the topic filter, as sent
     * @param reason   why, in words
     */
    record SubscriptionRefused(Instant time, String clientId, String filter, String reason) implements BrokerEvent {
    }

    /**
     * A client removed a subscription.
     *
     * @param time     when
     * @param clientId who
     * @param filter   the topic filter
     * @param existed  whether the client had that subscription
     */
    record Unsubscribed(Instant time, String clientId, String filter, boolean existed) implements BrokerEvent {
    }

    /**
     * The broker accepted a message for routing: from a client's PUBLISH, or from {@link Broker#publish(Message)}.
     * Wills are reported by {@link WillPublished} instead.
     *
     * @param time        when
     * @param clientId    the publisher, or {@code null} for a message published through the broker API
     * @param message     the message as received
     * @param subscribers how many sessions it was routed to
     */
    record MessagePublished(Instant time, String clientId, Message message, int subscribers) implements BrokerEvent {
    }

    /**
     * The broker refused a message a client published because its {@link Authorizer} does not allow it (topics
     * under {@code $SYS/} included): the message is neither routed nor retained. MQTT 5 clients are told with reason
     * code 0x87 (Not authorized) in PUBACK or PUBREC; MQTT 3 clients get their usual acknowledgement.
     *
     * @param time     when
     * @param clientId the publisher
     * @param message  the message as received
     * @param reason   why, in words
     */
    record PublishRefused(Instant time, String clientId, Message message, String reason) implements BrokerEvent {
    }

    /**
     * The broker sent a message to a subscriber.
     *
     * @param time     when
     * @param clientId the subscriber
     * @param message  the message as sent: QoS downgraded to the subscription's, retain flag as sent
     * @param duplicate whether this is a redelivery with the DUP flag
     */
    record MessageDelivered(Instant time, String clientId, Message message, boolean duplicate) implements BrokerEvent {
    }

    /**
     * The broker gave up delivering a message to a subscriber, or keeping it as the topic's retained message.
     *
     * @param time     when
     * @param clientId the subscriber, or null when it is the retained message that was not kept
     * @param message  the message
     * @param reason   why
     */
    record MessageDropped(Instant time, String clientId, Message message, DropReason reason) implements BrokerEvent {
    }

    /**
     * A client's will message was published because its connection ended abnormally.
     *
     * @param time        when
     * @param clientId    whose will
     * @param message     the will message
     * @param subscribers how many sessions it was routed to
     */
    record WillPublished(Instant time, String clientId, Message message, int subscribers) implements BrokerEvent {
    }

    /**
     * A client's connection ended.
     *
     * @param time     when
     * @param clientId who
     * @param reason   why
     * @param detail   more about the reason (e.g. what was malformed), or an empty string
     */
    record ClientDisconnected(Instant time, String clientId, DisconnectReason reason, String detail)
            implements BrokerEvent {
    }

    /**
     * A bridge connected to its upstream broker, which accepted its CONNECT; messages held for the upstream while it
     * was away go out now, in order.
     *
     * @param time            when
     * @param clientId        the client identifier of the bridge's session on this broker
     * @param bridge          the bridge's name
     * @param address         the upstream broker, as {@code host:port}
     * @param protocolVersion 4 (MQTT 3.1.1) or 5 (5.0)
     * @param sessionPresent  whether the upstream resumed the bridge's earlier session
     */
    record BridgeConnected(Instant time, String clientId, String bridge, String address, int protocolVersion,
                           boolean sessionPresent) implements BrokerEvent {
    }

    /**
     * A bridge could not connect to its upstream broker, or lost its connection; it tries again after its restart
     * timeout, and meanwhile holds the QoS 1 and 2 messages for the upstream in its session's queue.
     *
     * @param time     when
     * @param clientId the client identifier of the bridge's session on this broker
     * @param bridge   the bridge's name
     * @param reason   why, in words: the refusal code the upstream gave, the network failure, the silence
     */
    record BridgeDisconnected(Instant time, String clientId, String bridge, String reason) implements BrokerEvent {
    }
}
