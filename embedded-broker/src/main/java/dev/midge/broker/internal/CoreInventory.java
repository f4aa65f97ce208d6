package dev.midge.broker.internal;

import dev.midge.broker.BrokerStatistics;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the broker holds, as the public API reads and clears it: retained messages, sessions with their
 * subscriptions, and the statistics.
 *
 * <p>Used on the broker's thread only, like the core.
 */
public final class CoreInventory {

    private final RetainedStore retained;
    private final SessionStore sessions;
    private final Statistics statistics;
    private final MemoryBudget budget;
    private final Clock clock;

    CoreInventory(RetainedStore retained, SessionStore sessions, Statistics statistics, MemoryBudget budget,
                  Clock clock) {
        this.retained = retained;
        this.sessions = sessions;
        this.statistics = statistics;
        this.budget = budget;
        this.clock = clock;
    }

    /** @return the live retained messages */
    public List<Message> retainedMessages() {
        return retained.all(clock.millis());
    }

    /** Removes every retained message. */
    public void clearRetained() {
        retained.clear();
    }

    /** @return the identifiers of the connected clients */
    public List<String> connectedClients() {
        return sessions.connectedClients();
    }

    /** @return every subscription of every session, connected or not */
    public List<SubscriptionInfo> subscriptions() {
        List<SubscriptionInfo> all = new ArrayList<>();
        sessions.subscriptions().forEach((clientId, subscriptions) -> {
            for (Subscription s : subscriptions) {
                all.add(new SubscriptionInfo(clientId, s.filter(), s.qos()));
            }
        });
        return all;
    }

    /** @return what the broker holds now and its totals since the start */
    public BrokerStatistics statistics() {
        long now = clock.millis();
        return statistics.snapshot(sessions.all(), retained.count(now), budget, now);
    }

    /**
     * Ends every connection and forgets every session, with its subscriptions, queued messages and pending will.
     */
    public void clearSessions() {
        sessions.clear();
    }
}
