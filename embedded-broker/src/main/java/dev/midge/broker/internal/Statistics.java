package dev.midge.broker.internal;

import dev.midge.broker.BrokerStatistics;
import dev.midge.broker.DropReason;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The broker's running totals, counted where the work happens, and the snapshot that joins them with what the
 * broker holds at the moment. Confined to the broker's thread like the rest of the core.
 */
final class Statistics {

    private final long startedAtMillis;
    private final long[] droppedByReason = new long[DropReason.values().length];
    private long connectionsAccepted;
    private long messagesReceived;
    private long messagesSent;
    private long messagesDropped;
    private long messagesRefused;

    Statistics(long startedAtMillis) {
        this.startedAtMillis = startedAtMillis;
    }

    void connectionAccepted() {
        connectionsAccepted++;
    }

    void messageReceived() {
        messagesReceived++;
    }

    void messageSent() {
        messagesSent++;
    }

    void messageDropped(DropReason reason) {
        messagesDropped++;
        droppedByReason[reason.ordinal()]++;
    }

    void messageRefused() {
        messagesRefused++;
    }

    BrokerStatistics snapshot(Collection<Session> sessions, int retainedMessages, MemoryBudget budget,
                              long nowMillis) {
        int connected = 0;
        int subscriptions = 0;
        int queued = 0;
        int inflight = 0;
        long queuedBytes = 0;
        long inflightBytes = 0;
        for (Session session : sessions) {
            if (session.link != null) {
                connected++;
            }
            subscriptions += session.subscriptions().size();
            queued += session.outbox.queuedCount();
            inflight += session.outbox.inFlightCount();
            queuedBytes += session.outbox.queuedBytes();
            inflightBytes += session.outbox.inFlightBytes();
        }
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            byReason.put(reason, droppedByReason[reason.ordinal()]);
        }
        return new BrokerStatistics(Duration.ofMillis(nowMillis - startedAtMillis), connected, sessions.size(),
                subscriptions, retainedMessages, queued, inflight, queuedBytes, inflightBytes, budget.used(),
                budget.limit(), connectionsAccepted, messagesReceived, messagesSent, messagesDropped,
                Collections.unmodifiableMap(byReason),
                messagesRefused);
    }
}
