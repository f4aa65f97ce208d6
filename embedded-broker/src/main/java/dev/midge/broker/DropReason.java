package dev.midge.broker;

/**
 * Why a message was not delivered to a subscriber, as reported by {@link BrokerEvent.MessageDropped}.
 */
public enum DropReason {
    /**
     * The subscriber's session queue was full, in messages or in bytes; the newest message is dropped, queued ones
     * are kept.
     */
    QUEUE_FULL,
    /**
     * The broker's memory budget had no room to queue the message for this subscriber, or to keep it as the topic's
     * retained message. An MQTT 5 publisher is refused instead (quota exceeded) when the budget is already full as
     * its message arrives.
     */
    MEMORY_BUDGET_EXCEEDED,
    /** A QoS 0 message matched a session whose client is offline; QoS 0 is never queued. */
    CLIENT_OFFLINE,
    /** The subscriber's connection could not take more data (a slow consumer) and the message was QoS 0. */
    SLOW_CONSUMER,
    /** The message expiry interval ran out before delivery. */
    EXPIRED,
    /** The message is larger than the maximum packet size the subscriber accepts. */
    PACKET_TOO_LARGE,
    /** A test's fault injection asked for it to be dropped. */
    FAULT_INJECTED
}
