package dev.midge.broker;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of what a broker holds and has done since it started, as returned by {@link Broker#statistics()}. It is
 * taken on the broker's own thread in one step, so its figures agree with each other.
 *
 * @param uptime              time since the broker started, read from its clock
 * @param connectedClients    clients connected now
 * @param sessions            sessions held, connected or not (persistent sessions outlive their connections)
 * @param subscriptions       subscriptions held over all sessions
 * @param retainedMessages    live retained messages
 * @param queuedMessages      QoS 1 and 2 messages waiting in sessions for their client or for room in its window
 * @param inflightMessages    QoS 1 and 2 messages sent and not yet acknowledged
 * @param queuedBytes         bytes (payload and topic) of the queued messages
 * @param inflightBytes       bytes (payload and topic) of the in-flight messages
 * @param memoryUsed          bytes counted against the memory budget: queued and in-flight messages, retained
 *                            messages, subscriptions, and packets being received
 * @param memoryBudget        the memory budget, in bytes ({@link BrokerBuilder#memoryBudget(long)})
 * @param connectionsAccepted CONNECTs accepted since the start
 * @param messagesReceived    messages published by clients and through {@link Broker#publish}; a redelivered QoS 2
 *                            message the broker has already routed is not counted again
 * @param messagesSent        PUBLISH packets sent to clients, redeliveries included
 * @param messagesDropped     messages not delivered to a subscriber, each also reported as a
 *                            {@link BrokerEvent.MessageDropped} event
 * @param messagesDroppedByReason the dropped messages by reason, every reason present (0 when none), unmodifiable
 * @param messagesRefused     QoS 1 and 2 messages refused to MQTT 5 publishers with reason code 0x97 (quota
 *                            exceeded) because the memory budget was full
 */
public record BrokerStatistics(Duration uptime, int connectedClients, int sessions, int subscriptions,
                               int retainedMessages, int queuedMessages, int inflightMessages,
                               long queuedBytes, long inflightBytes, long memoryUsed, long memoryBudget,
                               long connectionsAccepted, long messagesReceived, long messagesSent,
                               long messagesDropped, Map<DropReason, Long> messagesDroppedByReason,
                               long messagesRefused) {
}
