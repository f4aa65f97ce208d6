package dev.midge.broker.internal;

import dev.midge.broker.Message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state the broker keeps for one client identifier: subscriptions, outgoing messages, QoS 2 packet identifiers
 * awaiting release, and, while connected, the link and the will.
 *
 * <p>Read and changed only on the broker's thread.
 */
public final class Session {

    /** Session expiry interval meaning "never expires" (MQTT 5's 0xFFFFFFFF; a 3.x session without clean flag). */
    public static final long NEVER_EXPIRES = 0xFFFFFFFFL;

    final String clientId;
    /**
     * Made with the first subscription, and the set with the first QoS 2 message awaiting release: a connected client
     * that has neither costs the heap nothing for them.
     */
    private Map<String, Subscription> subscriptions;
    private Set<Integer> awaitingRelease;
    final Outbox outbox;
    final StateStore store;

    ClientLink link;
    String username;
    long expirySeconds;
    /** What this session holds of the memory budget for itself: 0 unless it outlives its connection. */
    long budgetCost;
    Message will;
    long willDelaySeconds;
    Scheduler.Cancellable expiryTask;
    Message pendingWill;
    Scheduler.Cancellable willTask;

    /** Whether the {@link StateStore} holds this session. */
    boolean stored;

    Session(String clientId, MemoryBudget budget) {
        this(clientId, budget, StateStore.NONE);
    }

    Session(String clientId, MemoryBudget budget, StateStore store) {
        this.clientId = clientId;
        this.store = store;
        this.outbox = new Outbox(this, budget);
    }

    /**
     * Tells the {@link StateStore} what it must keep of this session now: all of it while it outlives its
     * connection, nothing once it no longer does.
     *
     * @param disconnectedAtMillis when its connection ended
     */
    void persist(long disconnectedAtMillis) {
        if (outlivesConnection()) {
            store.putSession(record(disconnectedAtMillis));
            stored = true;
        } else {
            forget();
        }
    }

    /** As {@link #persist}, while its connection is open. */
    void persistConnected() {
        persist(StoredState.SessionRecord.CONNECTED);
    }

    /** The session ends: the {@link StateStore} forgets it with everything it kept of it. */
    void forget() {
        if (stored) {
            store.removeSession(clientId);
            stored = false;
        }
    }

    /** @return whether the session outlives its connection, which is what persistence keeps */
    boolean outlivesConnection() {
        return expirySeconds != 0;
    }

    /**
     * @param disconnectedAtMillis when its connection ended, or {@link StoredState.SessionRecord#CONNECTED}
     * @return what the {@link StateStore} keeps of this session beside its messages
     */
    StoredState.SessionRecord record(long disconnectedAtMillis) {
        List<StoredState.SubscriptionRecord> kept = new ArrayList<>(subscriptions().size());
        for (Subscription s : subscriptions().values()) {
            kept.add(new StoredState.SubscriptionRecord(s.filter(), s.qos(), s.noLocal(), s.retainAsPublished(),
                    s.retainHandling(), s.subscriptionId()));
        }
        return new StoredState.SessionRecord(clientId, username, expirySeconds, disconnectedAtMillis, kept);
    }

    /** @return the subscriptions by filter, in the order they were made; not to be changed through */
    Map<String, Subscription> subscriptions() {
        return subscriptions == null ? Map.of() : subscriptions;
    }

    /** @return the subscription it replaces, or null */
    Subscription subscribe(Subscription subscription) {
        if (subscriptions == null) {
            subscriptions = new LinkedHashMap<>();
        }
        return subscriptions.put(subscription.filter(), subscription);
    }

    /** @return the subscription with that filter it had, or null */
    Subscription unsubscribe(String filter) {
        return subscriptions == null ? null : subscriptions.remove(filter);
    }

    void unsubscribeAll() {
        subscriptions = null;
    }

    /** @return false when the packet identifier already awaited release */
    boolean awaitRelease(int packetId) {
        if (awaitingRelease == null) {
            awaitingRelease = new HashSet<>();
        }
        return awaitingRelease.add(packetId);
    }

    /** @return whether the packet identifier awaited release */
    boolean released(int packetId) {
        return awaitingRelease != null && awaitingRelease.remove(packetId);
    }

    void releaseAll() {
        awaitingRelease = null;
    }

    /**
     * @return the client identifier
     */
    public String clientId() {
        return clientId;
    }

    /**
     * @return whether a client is connected to this session now
     */
    public boolean isOnline() {
        return link != null;
    }

    /**
     * @return how many inbound QoS 2 messages await PUBREL
     */
    public int awaitingReleaseCount() {
        return awaitingRelease == null ? 0 : awaitingRelease.size();
    }

    /**
     * @return whether an inbound QoS 2 message with this packet identifier awaits PUBREL
     */
    public boolean awaitsRelease(int packetId) {
        return awaitingRelease != null && awaitingRelease.contains(packetId);
    }
}
