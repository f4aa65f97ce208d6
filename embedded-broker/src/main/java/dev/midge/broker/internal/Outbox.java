package dev.midge.broker.internal;

import dev.midge.broker.Message;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's outgoing QoS 1 and 2 messages: those sent and not yet acknowledged (in flight, in send order), and
 * those waiting for room in the in-flight window or for the client to come back. Counts their bytes, here and in
 * the broker-wide {@link MemoryBudget}.
 *
 * <p>Confined to the broker's thread, like its session.
 */
final class Outbox {

    /**
     * A message waiting to be sent.
     *
     * @param message                 the message with the QoS and retain flag to send
     * @param receivedAtMillis        when the broker received it, to compute message expiry
     * @param subscriptionIdentifiers subscription identifiers to send with it
     */
    record Queued(Message message, long receivedAtMillis, List<Integer> subscriptionIdentifiers) {
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

    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final MemoryBudget budget;
    private int lastPacketId;
    private long queuedBytes;
    private long inFlightBytes;

    Outbox(MemoryBudget budget) {
        this.budget = budget;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    long queuedBytes() {
        return queuedBytes;
    }

    long inFlightBytes() {
        return inFlightBytes;
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    void enqueue(Queued item) {
        queue.addLast(item);
        queuedBytes += item.cost();
        budget.store(item.cost());
    }

    /** Takes the oldest queued message out of the queue and out of the budget. */
    Queued pollQueued() {
        Queued item = queue.pollFirst();
        if (item != null) {
            queuedBytes -= item.cost();
            budget.release(item.cost());
        }
        return item;
    }

    InFlight get(int packetId) {
        return inFlight.get(packetId);
    }

    InFlight remove(int packetId) {
        InFlight entry = inFlight.remove(packetId);
        if (entry != null) {
            inFlightBytes -= entry.item.cost();
            budget.release(entry.item.cost());
        }
        return entry;
    }

    Iterable<InFlight> inFlight() {
        return inFlight.values();
    }

    /**
     * Records a message as in flight under a packet identifier no other in-flight message uses.
     */
    InFlight track(Queued item, Message sent) {
        int id = lastPacketId;
        do {
            id = id == 0xFFFF ? 1 : id + 1;
        } while (inFlight.containsKey(id));
        lastPacketId = id;
        InFlight entry = new InFlight(id, item, sent);
        inFlight.put(id, entry);
        inFlightBytes += item.cost();
        budget.store(item.cost());
        return entry;
    }

    void clear() {
        budget.release(queuedBytes + inFlightBytes);
        queuedBytes = 0;
        inFlightBytes = 0;
        inFlight.clear();
        queue.clear();
    }
}
