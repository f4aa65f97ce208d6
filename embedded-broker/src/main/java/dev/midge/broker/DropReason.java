package dev.midge.broker;

/**
 * Why a message was not delivered to a subscriber, as reported by {@link BrokerEvent.MessageDropped}.
 */
public enum DropReason {
    /** The subscriber's session queue was full; the newest message is dropped, queued ones are kept. */
    QUEUE_FULL,
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
