package dev.midge.broker.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts what a {@link StateStore} kept back into the core when the broker starts, before any client connects.
 *
 * <p>Runs on the broker's thread.
 */
final class StateRestore {

    private final RetainedStore retained;
    private final SessionStore sessions;
    private final Subscriptions subscriptions;
    private final Wills wills;
    private final Clock clock;

    StateRestore(RetainedStore retained, SessionStore sessions, Subscriptions subscriptions, Wills wills,
                 Clock clock) {
        this.retained = retained;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.wills = wills;
        this.clock = clock;
    }

    /**
     * Retained messages first (one that expired meanwhile goes, from the store too, when next looked at, as it would
     * have without the restart), then sessions whole, then what runs on timers: a will or an expiry that fell due
     * while the broker was down then finds every subscriber in place.
     */
    void apply(StoredState state) {
        long now = clock.millis();
        for (StoredState.Retained kept : state.retained()) {
            retained.keep(kept.message(), kept.receivedAtMillis());
        }
        Map<String, Session> restored = new HashMap<>();
        for (StoredState.SessionRecord record : state.sessions()) {
            Session session = sessions.restore(record);
            record.subscriptions().forEach(s -> subscriptions.restore(session, s));
            restored.put(record.clientId(), session);
        }
        for (StoredState.Outgoing outgoing : state.outgoing()) {
            Session session = restored.get(outgoing.clientId());
            if (session != null) {
                session.outbox.restore(outgoing);
            }
        }
        for (StoredState.AwaitingRelease awaiting : state.awaitingRelease()) {
            Session session = restored.get(awaiting.clientId());
            if (session != null) {
                session.awaitRelease(awaiting.packetId());
            }
        }
        for (StoredState.Will will : state.wills()) {
            Session session = restored.get(will.clientId());
            if (session != null) {
                wills.restore(session, will.will(), will.dueAtMillis());
            }
        }
        for (StoredState.SessionRecord record : state.sessions()) {
            Session session = restored.get(record.clientId());
            if (record.connected()) {
                session.persist(now);
            }
            sessions.expireRestored(session, record.disconnectedAtMillis(), now);
        }
    }
}
