package dev.midge.broker.internal;

/**
 * The broker-wide memory budget: the bytes of QoS 1 and 2 messages held for sessions (queued or in flight), of
 * retained messages, of subscriptions, of sessions that outlive their connections, and of packets still being
 * received. Queueing or retaining a message, adding a subscription and starting to receive a packet need room in the
 * budget; a message sent to a connection that can take it is counted without asking, because holding it until its
 * acknowledgement is bounded by the in-flight window.
 *
 * <p>Live connections are bounded by the same figure on their own, each by an allowance for what it holds: a budget
 * full of messages must not lock clients out, and a flood of connections must not leave no room for packets.
 *
 * <p>Confined to the broker's thread like the rest of the core.
 */
public final class MemoryBudget {

    private static final long SUBSCRIPTION_OVERHEAD = 256;
    private static final long SESSION_OVERHEAD = 1024;
    /** Room for live connections even under a budget set small for messages: 64 TLS connections, 128 plain. */
    private static final long MIN_CONNECTIONS_BYTES = 64 * 24 * 1024;

    private final long limit;
    private long stored;
    private long receiving;
    private long connections;

    /**
     * @param limit the budget in bytes
     */
    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /**
     * The bytes a message costs while the broker holds it: its payload and its topic.
     *
     * @param payloadLength the payload's length in bytes
     * @param topic         the topic name
     * @return the cost in bytes
     */
    static long cost(int payloadLength, String topic) {
        return (long) payloadLength + topic.length();
    }

    /**
     * What a subscription costs while the broker holds it: its filter, and an allowance for its entries in the
     * session and in the subscription index.
     *
     * @param filter the topic filter as subscribed
     * @return the cost in bytes
     */
    public static long subscriptionCost(String filter) {
        return SUBSCRIPTION_OVERHEAD + 2L * filter.length();
    }

    /**
     * What a session that outlives its connection costs while the broker holds it: its identifier, and an allowance
     * for the session, its queue and its entry among the sessions. Only such sessions are counted: the others end
     * with their connection.
     *
     * @param clientId the client identifier
     * @return the cost in bytes
     */
    public static long sessionCost(String clientId) {
        return SESSION_OVERHEAD + 2L * clientId.length();
    }

    /**
     * @param bytes the cost of a message or subscription the broker would have to hold
     * @return whether it fits beside everything held and being received
     */
    public boolean fits(long bytes) {
        return stored + receiving + bytes <= limit;
    }

    void store(long bytes) {
        stored += bytes;
    }

    void release(long bytes) {
        stored -= bytes;
    }

    /**
     * Claims room for a packet whose fixed header announced its size, until {@link #received(long)}. Packets being
     * received are bounded by the budget on their own, so that a publisher is refused by acknowledgement rather than
     * cut off whenever the stored messages fill the budget.
     *
     * @param bytes the packet's remaining length
     * @return false when packets being received would exceed the budget
     */
    public boolean receiving(long bytes) {
        if (receiving + bytes > limit) {
            return false;
        }
        receiving += bytes;
        return true;
    }

    /**
     * Gives back the room claimed by {@link #receiving(long)}, once the packet has arrived or its connection ended.
     *
     * @param bytes the bytes claimed
     */
    public void received(long bytes) {
        receiving -= bytes;
    }

    /**
     * Claims a live connection's allowance, until {@link #disconnected(long)}. Connections are bounded by the budget
     * on their own (and by {@value #MIN_CONNECTIONS_BYTES} bytes at least), apart from what sessions hold and what is
     * being received.
     *
     * @param allowance what the connection holds on the heap, at most
     * @return false when live connections would exceed the bound
     */
    public boolean connecting(long allowance) {
        if (connections + allowance > Math.max(limit, MIN_CONNECTIONS_BYTES)) {
            return false;
        }
        connections += allowance;
        return true;
    }

    /**
     * Gives back a connection's allowance once it has closed.
     *
     * @param allowance the allowance claimed by {@link #connecting(long)}
     */
    public void disconnected(long allowance) {
        connections -= allowance;
    }

    /** @return the budget in bytes */
    public long limit() {
        return limit;
    }

    /** @return the bytes of messages and subscriptions held, and of packets being received */
    public long used() {
        return stored + receiving;
    }
}
