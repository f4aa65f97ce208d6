package dev.midge.broker.internal;

import dev.midge.broker.Message;

/**
 * Where the core keeps what must outlive the process when persistence is on: retained messages, sessions that
 * outlive their connection with their outgoing messages, inbound QoS 2 packet identifiers awaiting PUBREL, and
 * delayed wills. The core reports each change as it makes it; {@link #commit} makes the changes so far durable, and
 * acknowledgements leave only after it.
 *
 * <p>Called on the broker's thread only. {@link #NONE}, the default, keeps nothing.
 */
public interface StateStore {

    /** The store of a broker without persistence: it keeps nothing and loads nothing. */
    StateStore NONE = new StateStore() {
    };

    /**
     * @return everything the store holds, read when the broker starts
     * @throws IllegalStateException naming the file, when it cannot be read
     */
    default StoredState load() {
        return StoredState.EMPTY;
    }

    /** A topic's retained message, in place of its last one. */
    default void putRetained(Message message, long receivedAtMillis) {
    }

    /** A topic no longer has a retained message. */
    default void removeRetained(String topic) {
    }

    /** A session that outlives its connection, created or changed. */
    default void putSession(StoredState.SessionRecord session) {
    }

    /** A session ended, or no longer outlives its connection: forget it with its messages, identifiers and will. */
    default void removeSession(String clientId) {
    }

    /** A new outgoing QoS 1 or 2 message of a session, queued, or about to be sent ({@link #putInFlight} follows). */
    default void addOutgoing(StoredState.Outgoing outgoing) {
    }

    /**
     * An outgoing message added before was sent, or its PUBREC came and PUBREL went out: its packet identifier, the
     * message as sent and whether it was released, in place of what they were.
     */
    default void putInFlight(StoredState.Outgoing outgoing) {
    }

    /** An outgoing message was acknowledged, expired or dropped. */
    default void removeOutgoing(String clientId, long sequence) {
    }

    /** An inbound QoS 2 message was routed and its packet identifier awaits PUBREL. */
    default void addAwaitingRelease(String clientId, int packetId) {
    }

    /** PUBREL came for an inbound QoS 2 packet identifier. */
    default void removeAwaitingRelease(String clientId, int packetId) {
    }

    /** A will waits out its delay. */
    default void putWill(String clientId, Message will, long dueAtMillis) {
    }

    /** A delayed will was published or cancelled. */
    default void removeWill(String clientId) {
    }

    /** Makes the changes reported so far durable, as the durability policy says; cheap when there are none. */
    default void commit() {
    }

    /** Commits and releases the store. */
    default void close() {
    }

    /**
     * Stops writing, as a crash of the process would: nothing reported from now on, or not yet committed, reaches
     * the file, and {@link #close()} releases the store without committing.
     */
    default void freeze() {
    }
}
