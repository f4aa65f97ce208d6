package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions by client identifier, and how each one ends: a connection detached (will, expiry), a session ended
 * or discarded, every connection closed at once. Runs on the broker's thread.
 */
final class SessionStore {

    private final Map<String, Session> sessions = new HashMap<>();
    private final Subscriptions subscriptions;
    private final Wills wills;
    private final EventSink events;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MemoryBudget budget;
    private final StateStore store;
    private int online;

    SessionStore(Subscriptions subscriptions, Wills wills, EventSink events, Clock clock, Scheduler scheduler,
                 MemoryBudget budget, StateStore store) {
        this.budget = budget;
        this.store = store;
        this.subscriptions = subscriptions;
        this.wills = wills;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** @return the session of a client identifier, or null */
    Session get(String clientId) {
        return sessions.get(clientId);
    }

    /** @return how many sessions have a connection */
    int online() {
        return online;
    }

    /** @return every session, connected or not */
    Collection<Session> all() {
        return sessions.values();
    }

    /**
     * @param existing the client identifier's session to discard, or null
     * @return a fresh session in its place
     */
    Session replace(Session existing, String clientId, boolean outlivesConnection) {
        if (existing != null) {
            discard(existing);
        }
        Session fresh = new Session(clientId, budget, store);
        if (outlivesConnection) {
            fresh.budgetCost = MemoryBudget.sessionCost(clientId);
            budget.store(fresh.budgetCost);
        }
        sessions.put(clientId, fresh);
        return fresh;
    }

    /**
     * @return whether the memory budget has room for a new session of this client that outlives its connection,
     *         counting the room its old session, which the new one would replace, gives back
     */
    boolean hasRoomFor(String clientId, Session existing) {
        long freed = existing == null ? 0 : existing.budgetCost;
        return budget.fits(MemoryBudget.sessionCost(clientId) - freed);
    }

    /** @return the never-expiring session of a bridge's side on this broker, made when there is none */
    Session bridgeSession(String clientId) {
        Session session = sessions.get(clientId);
        if (session == null) {
            session = replace(null, clientId, true);
            session.expirySeconds = Session.NEVER_EXPIRES;
        }
        return session;
    }

    /** Gives a session its new connection, stopping the timers that would have ended it meanwhile. */
    void attach(Session session, ClientLink link) {
        cancelTimers(session);
        session.link = link;
        online++;
    }

    /**
     * Takes a session's connection away: publishes (or schedules) its will when due, and ends the session now or
     * schedules its end according to its expiry interval.
     */
    void detach(Session session, DisconnectReason reason, String detail, boolean publishWill) {
        session.link = null;
        online--;
        if (events.active()) {
            events.emit(new BrokerEvent.ClientDisconnected(clock.instant(), session.clientId, reason, detail));
        }
        Message will = session.will;
        session.will = null;
        if (publishWill && will != null) {
            wills.due(session, will, session.willDelaySeconds);
        }
        if (session.expirySeconds == 0) {
            end(session);
            return;
        }
        session.persist(clock.millis());
        if (session.expirySeconds != Session.NEVER_EXPIRES) {
            session.expiryTask = scheduler.schedule(session.expirySeconds * 1000, () -> end(session));
        }
    }

    /**
     * Puts back a session the {@link StateStore} kept, offline, its expiry counted from when its connection ended
     * (from now when the broker stopped while it was connected). Its subscriptions, messages and will are put back
     * by the caller, and its expiry armed by {@link #expireRestored}.
     *
     * @return the session
     */
    Session restore(StoredState.SessionRecord record) {
        Session session = new Session(record.clientId(), budget, store);
        session.username = record.username();
        session.expirySeconds = record.expirySeconds();
        session.stored = true;
        session.budgetCost = MemoryBudget.sessionCost(record.clientId());
        budget.store(session.budgetCost);
        sessions.put(record.clientId(), session);
        return session;
    }

    /**
     * Arms the expiry of a restored session, or ends it now when it expired while the broker was down.
     *
     * @param disconnectedAtMillis when its connection ended, or {@link StoredState.SessionRecord#CONNECTED} when the
     *                             broker stopped while it was connected
     */
    void expireRestored(Session session, long disconnectedAtMillis, long nowMillis) {
        if (session.expirySeconds == Session.NEVER_EXPIRES) {
            return;
        }
        long offlineMillis = disconnectedAtMillis == StoredState.SessionRecord.CONNECTED ? 0
                : Math.max(0, nowMillis - disconnectedAtMillis);
        long remaining = session.expirySeconds * 1000 - offlineMillis;
        if (remaining <= 0) {
            end(session);
        } else {
            session.expiryTask = scheduler.schedule(remaining, () -> end(session));
        }
    }

    /**
     * Closes a client's connection abruptly, as a network failure would: its will is published.
     *
     * @return whether the client was connected
     */
    boolean drop(String clientId) {
        Session session = sessions.get(clientId);
        if (session == null || session.link == null) {
            return false;
        }
        ClientLink link = session.link;
        detach(session, DisconnectReason.DROPPED_BY_BROKER, "", true);
        link.close(DisconnectReason.DROPPED_BY_BROKER, "");
        return true;
    }

    /** Ends every connection as a broker going down would, without wills; sessions live on by their expiry. */
    void disconnectAll() {
        for (Session session : List.copyOf(sessions.values())) {
            ClientLink link = session.link;
            if (link != null) {
                detach(session, DisconnectReason.SERVER_SHUTTING_DOWN, "", false);
                link.close(DisconnectReason.SERVER_SHUTTING_DOWN, "");
            }
        }
    }

    /** Ends every connection and stops every timer; pending wills stay in the {@link StateStore}. */
    void shutdown() {
        disconnectAll();
        for (Session session : sessions.values()) {
            wills.stopTimer(session);
            cancelExpiry(session);
        }
    }

    /** Ends every connection and forgets every session, with its subscriptions, queue and pending will. */
    void clear() {
        disconnectAll();
        for (Session session : List.copyOf(sessions.values())) {
            cancelTimers(session);
            discard(session);
        }
        sessions.clear();
    }

    /** @return the identifiers of the connected clients */
    List<String> connectedClients() {
        List<String> ids = new ArrayList<>();
        sessions.values().forEach(s -> {
            if (s.link != null) {
                ids.add(s.clientId);
            }
        });
        return ids;
    }

    /** @return every session's subscriptions, keyed by client identifier */
    Map<String, List<Subscription>> subscriptions() {
        Map<String, List<Subscription>> all = new HashMap<>();
        sessions.values().forEach(s -> {
            if (!s.subscriptions().isEmpty()) {
                all.put(s.clientId, List.copyOf(s.subscriptions().values()));
            }
        });
        return all;
    }

    private void end(Session session) {
        session.expiryTask = null;
        wills.publishPendingNow(session);
        if (sessions.get(session.clientId) == session) {
            sessions.remove(session.clientId);
        }
        discard(session);
    }

    private void discard(Session session) {
        session.forget();
        subscriptions.removeAll(session);
        session.outbox.clear();
        session.releaseAll();
        budget.release(session.budgetCost);
        session.budgetCost = 0;
    }

    private void cancelTimers(Session session) {
        wills.cancelPending(session);
        cancelExpiry(session);
    }

    private void cancelExpiry(Session session) {
        if (session.expiryTask != null) {
            session.expiryTask.cancel();
            session.expiryTask = null;
        }
    }
}
