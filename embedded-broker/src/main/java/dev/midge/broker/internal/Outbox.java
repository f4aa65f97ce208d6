package dev.midge.broker.internal;

import dev.midge.broker.Message;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's outgoing QoS 1 and 2 messages: those sent and not yet acknowledged (in flight, in send order), and
 * those waiting for room in the in-flight window or for the client to come back. Counts their bytes, here and in
 * the broker-wide {@link MemoryBudget}. While its session outlives its connection, each change is reported to the
 * {@link StateStore}, every message under a sequence number that keeps the session's order.
 *
 * <p>Confined to the broker's thread, like its session.
 */
final class Outbox {

    /**
     * A message waiting to be sent.
     *
     * @param sequence                its place in the session's order, as the store keeps it
     * @param message                 the message with the QoS and retain flag to send
     * @param receivedAtMillis        when the broker received it, to compute message expiry
     * @param subscriptionIdentifiers subscription identifiers to send with it
     */
    record Queued(long sequence, Message message, long receivedAtMillis, List<Integer> subscriptionIdentifiers) {
        long cost() {
            return MemoryBudget.cost(message.payload().length, message.topic());
        }
    }

    /** A message sent and not yet fully acknowledged. */
    static final class InFlight {
        final int packetId;
        final Queued item;
        Message sent;
        boolean released;

        InFlight(int packetId, Queued item, Message sent) {
            this.packetId = packetId;
            this.item = item;
            this.sent = sent;
        }
    }

    /**
     * Most sessions have nothing in flight and nothing queued most of the time: the map and the queue are made when
     * the first message needs them.
     */
    private Map<Integer, InFlight> inFlight;
    private ArrayDeque<Queued> queue;
    private final Session session;
    private final MemoryBudget budget;
    private int lastPacketId;
    private long lastSequence;
    private long queuedBytes;
    private long inFlightBytes;

    /**
     * @param session the session it belongs to, whose {@link StateStore} it reports to
     */
    Outbox(Session session, MemoryBudget budget) {
        this.session = session;
        this.budget = budget;
    }

    /** @return a message to queue or send, numbered after every other of this outbox */
    Queued item(Message message, long receivedAtMillis, List<Integer> subscriptionIdentifiers) {
        return new Queued(++lastSequence, message, receivedAtMillis, subscriptionIdentifiers);
    }

    int inFlightCount() {
        return inFlight == null ? 0 : inFlight.size();
    }

    int queuedCount() {
        return queue == null ? 0 : queue.size();
    }

    long queuedBytes() {
        return queuedBytes;
    }

    long inFlightBytes() {
        return inFlightBytes;
    }

    boolean hasQueued() {
        return queue != null && !queue.isEmpty();
    }

    void enqueue(Queued item) {
        queue().addLast(item);
        queuedBytes += item.cost();
        budget.store(item.cost());
        if (session.outlivesConnection()) {
            session.store.addOutgoing(stored(item, 0, null, false));
        }
    }

    /** A message taken out of the queue is not sent after all (it expired): the store forgets it too. */
    void forget(Queued item) {
        if (session.outlivesConnection()) {
            session.store.removeOutgoing(session.clientId, item.sequence());
        }
    }

    /** Takes the oldest queued message out of the queue and out of the budget. */
    Queued pollQueued() {
        Queued item = queue == null ? null : queue.pollFirst();
        if (item != null) {
            queuedBytes -= item.cost();
            budget.release(item.cost());
        }
        return item;
    }

    InFlight get(int packetId) {
        return inFlight == null ? null : inFlight.get(packetId);
    }

    InFlight remove(int packetId) {
        InFlight entry = inFlight == null ? null : inFlight.remove(packetId);
        if (entry != null) {
            inFlightBytes -= entry.item.cost();
            budget.release(entry.item.cost());
            forget(entry.item);
        }
        return entry;
    }

    /** The client answered PUBREC to an in-flight QoS 2 message, and PUBREL goes out. */
    void release(InFlight entry) {
        entry.released = true;
        persist(entry);
    }

    Iterable<InFlight> inFlight() {
        return inFlight == null ? List.of() : inFlight.values();
    }

    /**
     * Records a message as in flight under a packet identifier no other in-flight message uses.
     *
     * @param fresh whether the message comes straight from routing, not out of the queue, so that the store has
     *              not been told of it yet
     */
    InFlight track(Queued item, Message sent, boolean fresh) {
        int id = lastPacketId;
        do {
            id = id == 0xFFFF ? 1 : id + 1;
        } while (inFlight != null && inFlight.containsKey(id));
        lastPacketId = id;
        InFlight entry = new InFlight(id, item, sent);
        inFlightMap().put(id, entry);
        inFlightBytes += item.cost();
        budget.store(item.cost());
        if (fresh && session.outlivesConnection()) {
            session.store.addOutgoing(stored(item, 0, null, false));
        }
        persist(entry);
        return entry;
    }

    private void persist(InFlight entry) {
        if (session.outlivesConnection()) {
            session.store.putInFlight(stored(entry.item, entry.packetId, entry.sent, entry.released));
        }
    }

    private StoredState.Outgoing stored(Queued item, int packetId, Message sent, boolean released) {
        return new StoredState.Outgoing(session.clientId, item.sequence(), item.message(), item.receivedAtMillis(),
                item.subscriptionIdentifiers(), packetId, sent, released);
    }

    /**
     * Puts back a message the store kept, in the order the store gives them: in flight when it had been sent, queued
     * otherwise. The memory budget counts it whatever its room, as the message was already accepted.
     */
    void restore(StoredState.Outgoing stored) {
        Queued item = new Queued(stored.sequence(), stored.message(), stored.receivedAtMillis(),
                stored.subscriptionIdentifiers());
        lastSequence = Math.max(lastSequence, stored.sequence());
        if (stored.packetId() == 0) {
            queue().addLast(item);
            queuedBytes += item.cost();
            budget.store(item.cost());
            return;
        }
        InFlight entry = new InFlight(stored.packetId(), item, stored.sent());
        entry.released = stored.released();
        inFlightMap().put(entry.packetId, entry);
        inFlightBytes += item.cost();
        budget.store(item.cost());
        lastPacketId = entry.packetId;
    }

    void clear() {
        budget.release(queuedBytes + inFlightBytes);
        queuedBytes = 0;
        inFlightBytes = 0;
        inFlight = null;
        queue = null;
    }

    private ArrayDeque<Queued> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>(1);
        }
        return queue;
    }

    private Map<Integer, InFlight> inFlightMap() {
        if (inFlight == null) {
            inFlight = new LinkedHashMap<>();
        }
        return inFlight;
    }
}
