package dev.midge.broker.internal;

import dev.midge.broker.BrokerStatistics;

import java.time.Duration;
import java.util.Collection;

/**
 * The broker's running totals, counted where the work happens, and the snapshot that joins them with what the
 * broker holds at the moment. Confined to the broker's thread like the rest of the core.
 */
final class Statistics {

    private final long startedAtMillis;
    private long connectionsAccepted;
    private long messagesReceived;
    private long messagesSent;
    private long messagesDropped;

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

    void messageDropped() {
        messagesDropped++;
    }

    BrokerStatistics snapshot(Collection<Session> sessions, int retainedMessages, long nowMillis) {
        int connected = 0;
        int subscriptions = 0;
        int queued = 0;
        int inflight = 0;
        for (Session session : sessions) {
            if (session.link != null) {
                connected++;
            }
            subscriptions += session.subscriptions.size();
            queued += session.outbox.queuedCount();
            inflight += session.outbox.inFlightCount();
        }
        return new BrokerStatistics(Duration.ofMillis(nowMillis - startedAtMillis), connected, sessions.size(),
                subscriptions, retainedMessages, queued, inflight, connectionsAccepted, messagesReceived,
                messagesSent, messagesDropped);
    }
}
