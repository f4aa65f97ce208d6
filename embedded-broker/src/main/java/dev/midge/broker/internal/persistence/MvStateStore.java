package dev.midge.broker.internal.persistence;

import dev.midge.broker.Message;
import dev.midge.broker.Persistence;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.StateStore;
import dev.midge.broker.internal.StoredState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The broker's state in one file of H2's MVStore, a copy-on-write B-tree store whose every commit is a consistent
 * version of all its maps: a crash while writing leaves the last committed version readable.
 *
 * <p>Each change goes into the store's maps, in memory, at once or (retained and outgoing messages, the bulk of
 * them) at the next commit; {@link #commit} writes all of them as one version.
 * The transport commits before it sends an acknowledgement, so that a batch of changes costs one write; a change
 * no acknowledgement waits for is committed at the latest {@value #LATE_COMMIT_MILLIS} ms after it was made. With
 * {@link Persistence.Durability#PERIODIC} MVStore's own background writer commits instead, every autosave interval,
 * and changes go into the maps at once. Committing before acknowledgements, the store only appends to its file (see
 * {@link StoreFile}).
 *
 * <p>Maps: {@code retained} (topic to record), {@code sessions} (client identifier to record), {@code messages} and
 * {@code inflight} (see {@link OutgoingMessages}), {@code awaiting} (client identifier and packet identifier),
 * {@code wills} (client identifier to record) and {@code format}. Keys of {@code awaiting} follow the client
 * identifier with U+0000, which MQTT forbids in client identifiers, so a session's entries sort together.
 *
 * <p>Changed and committed on the broker's thread.
 */
public final class MvStateStore implements StateStore {

    private static final char SEPARATOR = '\u0000';
    private static final int LATE_COMMIT_MILLIS = 100;

    private final Path file;
    private final boolean commitsBeforeAcknowledgements;
    private final boolean syncs;
    private final Scheduler thread;
    private final Runnable lateCommit = this::lateCommit;
    private final StoreFile storeFile;
    private MVStore store;
    private MVMap<String, byte[]> retained;
    private MVMap<String, byte[]> sessions;
    private OutgoingMessages outgoing;
    private MVMap<String, Integer> awaiting;
    private MVMap<String, byte[]> wills;
    private final Map<String, StoredState.Retained> pendingRetained = new HashMap<>();
    private boolean dirty;
    private boolean lateCommitScheduled;
    private boolean frozen;

    private MvStateStore(Path file, Persistence.Durability durability, Scheduler thread, long autosaveMillis) {
        this.file = file;
        this.commitsBeforeAcknowledgements = durability != Persistence.Durability.PERIODIC;
        this.syncs = durability == Persistence.Durability.POWER_LOSS;
        this.thread = thread;
        this.storeFile = StoreFile.open(file, commitsBeforeAcknowledgements, autosaveMillis);
        openMaps();
    }

    /**
     * Opens the store's file, creating it and its directory when missing.
     *
     * @param settings where the file is and how durably changes are kept
     * @param thread   the broker's thread, where commits run; its timers must run on real time
     * @return the open store
     * @throws IllegalStateException naming the file, when it cannot be created, is locked by another process, is
     *                               not a store of this broker, or is corrupt
     */
    public static MvStateStore open(Persistence settings, Scheduler thread) {
        return new MvStateStore(settings.file().toAbsolutePath(), settings.durability(), thread,
                settings.autosaveInterval().toMillis());
    }

    private void openMaps() {
        store = storeFile.store();
        retained = store.openMap("retained");
        sessions = store.openMap("sessions");
        outgoing = new OutgoingMessages(store);
        awaiting = store.openMap("awaiting");
        wills = store.openMap("wills");
    }

    /** @return the store's file */
    public Path file() {
        return file;
    }

    /**
     * Reads everything back. Messages, identifiers and wills of a session the store no longer has, which a periodic
     * save can leave when it falls between the changes of one event, are removed instead.
     */
    @Override
    public StoredState load() {
        try {
            List<StoredState.Retained> retainedMessages = new ArrayList<>(retained.size());
            for (byte[] value : retained.values()) {
                retainedMessages.add(RecordCodec.retained(value));
            }
            List<StoredState.SessionRecord> sessionRecords = new ArrayList<>(sessions.size());
            for (byte[] value : sessions.values()) {
                sessionRecords.add(RecordCodec.session(value));
            }
            List<StoredState.Outgoing> messages = outgoing.load(sessions::containsKey, this::changed);
            List<StoredState.AwaitingRelease> awaitingRelease = new ArrayList<>(awaiting.size());
            for (Map.Entry<String, Integer> entry : awaiting.entrySet()) {
                String clientId = clientIdOf(entry.getKey());
                if (kept(awaiting, entry.getKey(), clientId)) {
                    awaitingRelease.add(new StoredState.AwaitingRelease(clientId, entry.getValue()));
                }
            }
            List<StoredState.Will> pendingWills = new ArrayList<>(wills.size());
            for (Map.Entry<String, byte[]> entry : wills.entrySet()) {
                if (kept(wills, entry.getKey(), entry.getKey())) {
                    pendingWills.add(RecordCodec.will(entry.getKey(), entry.getValue()));
                }
            }
            return new StoredState(retainedMessages, sessionRecords, messages, awaitingRelease, pendingWills);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The persistence store " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private boolean kept(MVMap<String, ?> map, String key, String clientId) {
        if (sessions.containsKey(clientId)) {
            return true;
        }
        map.remove(key);
        changed();
        return false;
    }

    @Override
    public void putRetained(Message message, long receivedAtMillis) {
        pendingRetained.put(message.topic(), new StoredState.Retained(message, receivedAtMillis));
        changed();
    }

    @Override
    public void removeRetained(String topic) {
        pendingRetained.put(topic, null);
        changed();
    }

    @Override
    public void putSession(StoredState.SessionRecord session) {
        sessions.put(session.clientId(), RecordCodec.session(session));
        changed();
    }

    @Override
    public void removeSession(String clientId) {
        applyPending();
        sessions.remove(clientId);
        wills.remove(clientId);
        outgoing.removeSession(clientId);
        String prefix = clientId + SEPARATOR;
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = awaiting.keyIterator(prefix); it.hasNext(); ) {
            String key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        keys.forEach(awaiting::remove);
        changed();
    }

    @Override
    public void addOutgoing(StoredState.Outgoing message) {
        outgoing.add(message);
        changed();
    }

    @Override
    public void putInFlight(StoredState.Outgoing message) {
        outgoing.putInFlight(message);
        changed();
    }

    @Override
    public void removeOutgoing(String clientId, long sequence) {
        outgoing.remove(clientId, sequence);
        changed();
    }

    /** Writes the retained and outgoing messages changed since the last commit into their maps. */
    private void applyPending() {
        pendingRetained.forEach((topic, kept) -> {
            if (kept == null) {
                retained.remove(topic);
            } else {
                retained.put(topic, RecordCodec.retained(kept.message(), kept.receivedAtMillis()));
            }
        });
        pendingRetained.clear();
        outgoing.apply();
    }

    @Override
    public void addAwaitingRelease(String clientId, int packetId) {
        awaiting.put(clientId + SEPARATOR + packetId, packetId);
        changed();
    }

    @Override
    public void removeAwaitingRelease(String clientId, int packetId) {
        if (awaiting.remove(clientId + SEPARATOR + packetId) != null) {
            changed();
        }
    }

    private static String clientIdOf(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    @Override
    public void putWill(String clientId, Message will, long dueAtMillis) {
        wills.put(clientId, RecordCodec.will(will, dueAtMillis));
        changed();
    }

    @Override
    public void removeWill(String clientId) {
        if (wills.remove(clientId) != null) {
            changed();
        }
    }

    /** A periodic store applies each change at once, for its background writer; the others wait for a commit. */
    private void changed() {
        if (!commitsBeforeAcknowledgements) {
            applyPending();
            return;
        }
        dirty = true;
        if (!lateCommitScheduled) {
            lateCommitScheduled = true;
            thread.schedule(LATE_COMMIT_MILLIS, lateCommit);
        }
    }

    private void lateCommit() {
        lateCommitScheduled = false;
        commit();
    }

    @Override
    public void commit() {
        if (!dirty || frozen || store.isClosed()) {
            return;
        }
        dirty = false;
        applyPending();
        store.commit();
        if (syncs) {
            store.sync();
        }
        if (storeFile.compactIfGrown()) {
            openMaps();
        }
    }

    /**
     * Commits, closes and compacts the file; a file that cannot be compacted stays as it is, whole. A frozen store is
     * released without writing anything more.
     */
    @Override
    public void close() {
        if (store.isClosed()) {
            return;
        }
        if (frozen) {
            store.closeImmediately();
            return;
        }
        if (!commitsBeforeAcknowledgements) {
            store.close();
            return;
        }
        applyPending();
        store.commit();
        storeFile.closeAndCompact();
    }

    @Override
    public void freeze() {
        frozen = true;
        store.setAutoCommitDelay(0);
    }
}
