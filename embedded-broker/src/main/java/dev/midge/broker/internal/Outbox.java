package dev.midge.broker.internal;

import dev.midge.broker.Message;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's outgoing QoS 1 and 2 messages: those sent and not yet acknowledged (in flight, in send order), and
 * those waiting for room in the in-flight window or for the client to come back.
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
    private int lastPacketId;

    int inFlightCount() {
        return inFlight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    void enqueue(Queued item) {
        queue.addLast(item);
    }

    Queued pollQueued() {
        return queue.pollFirst();
    }

    InFlight get(int packetId) {
        return inFlight.get(packetId);
    }

    InFlight remove(int packetId) {
        return inFlight.remove(packetId);
    }

    Iterable<InFlight> inFlight() {
        return inFlight.values();
    }

    Iterator<Queued> queued() {
        return queue.iterator();
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
        return entry;
    }

    void clear() {
        inFlight.clear();
        queue.clear();
    }
}
