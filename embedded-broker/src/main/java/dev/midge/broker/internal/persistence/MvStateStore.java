package dev.midge.broker.internal.persistence;

import dev.midge.broker.Message;
import dev.midge.broker.Persistence;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.StateStore;
import dev.midge.broker.internal.StoredState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The broker's state in one file of H2's MVStore, a copy-on-write B-tree store whose every commit is a consistent
 * version of all its maps: a crash while writing leaves the last committed version readable.
 *
 * <p>Each change goes into the store's maps, in memory, at once or (retained and outgoing messages, the bulk of
 * them) at the next commit; {@link #commit} writes all of them as one version.
 * The transport commits before it sends an acknowledgement, so that a batch of changes costs one write; a change
 * no acknowledgement waits for is committed at the latest {@value #LATE_COMMIT_MILLIS} ms after it was made. With
 * {@link Persistence.Durability#PERIODIC} MVStore's own background writer commits instead, every autosave interval.
 * Committing before acknowledgements, the store only appends to its file (see {@link #openFile}); the file is
 * rewritten with its live data when it has grown past 16 MiB and four times its size after the last rewrite, and
 * when the store closes.
 *
 * <p>Maps: {@code retained} (topic to record), {@code sessions} (client identifier to record), {@code outgoing}
 * (client identifier and sequence number to record), {@code awaiting} (client identifier and packet identifier),
 * {@code wills} (client identifier to record) and {@code format}. Keys that start with a client identifier follow it
 * with U+0000, which MQTT forbids in client identifiers, so a session's entries sort together.
 *
 * <p>Changed and committed on the broker's thread.
 */
public final class MvStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(MvStateStore.class);
    private static final String FORMAT_KEY = "version";
    private static final int FORMAT = 1;
    private static final char SEPARATOR = '\u0000';
    private static final int LATE_COMMIT_MILLIS = 100;
    private static final long COMPACTION_MIN_BYTES = 16L * 1024 * 1024;
    private static final int COMPACTION_GROWTH = 4;

    private final Path file;
    private final Path compactionFile;
    private final boolean commitsBeforeAcknowledgements;
    private final boolean syncs;
    private final Scheduler thread;
    private final Runnable lateCommit = this::lateCommit;
    private MVStore store;
    private MVMap<String, byte[]> retained;
    private MVMap<String, byte[]> sessions;
    private MVMap<String, byte[]> outgoing;
    private MVMap<String, Integer> awaiting;
    private MVMap<String, byte[]> wills;
    private final Map<String, StoredState.Retained> pendingRetained = new HashMap<>();
    private final Map<String, StoredState.Outgoing> pendingOutgoing = new HashMap<>();
    private long compactedSize;
    private Set<String> mapsFound;
    private boolean dirty;
    private boolean lateCommitScheduled;
    private boolean frozen;

    private MvStateStore(Path file, Persistence.Durability durability, Scheduler thread) {
        this.file = file;
        this.compactionFile = file.resolveSibling(file.getFileName() + ".compacting");
        this.commitsBeforeAcknowledgements = durability != Persistence.Durability.PERIODIC;
        this.syncs = durability == Persistence.Durability.POWER_LOSS;
        this.thread = thread;
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
        Path file = settings.file().toAbsolutePath();
        MvStateStore opened = new MvStateStore(file, settings.durability(), thread);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(opened.compactionFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the directory of the persistence store " + file + ": "
                    + e, e);
        }
        opened.openFile(settings.autosaveInterval().toMillis());
        try {
            checkFormat(file, opened.store, opened.mapsFound);
        } catch (RuntimeException e) {
            opened.store.closeImmediately();
            throw e instanceof IllegalStateException ? e : new IllegalStateException("Cannot open the persistence "
                    + "store " + file + ": " + e.getMessage(), e);
        }
        return opened;
    }

    /**
     * Opens the file and its maps. A store that commits before acknowledgements never writes over the space of
     * earlier versions: MVStore, when it reuses that space, can come back from a killed process without its last
     * few commits, which those acknowledgements promised. The file then only grows, and {@link #compact} rewrites
     * it from time to time.
     */
    private void openFile(long autosaveMillis) {
        try {
            MVStore.Builder builder = new MVStore.Builder().fileName(file.toString());
            if (commitsBeforeAcknowledgements) {
                builder.autoCommitDisabled();
            }
            store = builder.open();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the persistence store " + file + ": " + e.getMessage(), e);
        }
        mapsFound = Set.copyOf(store.getMapNames());
        if (commitsBeforeAcknowledgements) {
            store.setReuseSpace(false);
        } else {
            store.setAutoCommitDelay((int) autosaveMillis);
        }
        retained = store.openMap("retained");
        sessions = store.openMap("sessions");
        outgoing = store.openMap("outgoing");
        awaiting = store.openMap("awaiting");
        wills = store.openMap("wills");
        compactedSize = size();
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkFormat(Path file, MVStore store, Set<String> maps) {
        MVMap<String, Integer> format = store.openMap("format");
        Integer found = format.get(FORMAT_KEY);
        if (found == null && !maps.isEmpty()) {
            throw new IllegalStateException("The file " + file + " is not a persistence store of this broker");
        }
        if (found == null) {
            format.put(FORMAT_KEY, FORMAT);
            store.commit();
        } else if (found != FORMAT) {
            throw new IllegalStateException("The persistence store " + file + " has format " + found
                    + ", which this version of the broker cannot read (it reads format " + FORMAT + ")");
        }
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
            List<StoredState.Outgoing> messages = new ArrayList<>(outgoing.size());
            for (Map.Entry<String, byte[]> entry : outgoing.entrySet()) {
                if (kept(outgoing, entry.getKey(), clientIdOf(entry.getKey()))) {
                    messages.add(RecordCodec.outgoing(entry.getValue()));
                }
            }
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
        if (commitsBeforeAcknowledgements) {
            pendingRetained.put(message.topic(), new StoredState.Retained(message, receivedAtMillis));
            changed();
        } else {
            retained.put(message.topic(), RecordCodec.retained(message, receivedAtMillis));
        }
    }

    @Override
    public void removeRetained(String topic) {
        if (commitsBeforeAcknowledgements) {
            pendingRetained.put(topic, null);
            changed();
        } else {
            retained.remove(topic);
        }
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
        removeAll(outgoing, clientId);
        removeAll(awaiting, clientId);
        changed();
    }

    private static void removeAll(MVMap<String, ?> map, String clientId) {
        String prefix = clientId + SEPARATOR;
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = map.keyIterator(prefix); it.hasNext(); ) {
            String key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        keys.forEach(map::remove);
    }

    @Override
    public void putOutgoing(StoredState.Outgoing message) {
        String key = outgoingKey(message.clientId(), message.sequence());
        if (commitsBeforeAcknowledgements) {
            pendingOutgoing.put(key, message);
            changed();
        } else {
            outgoing.put(key, RecordCodec.outgoing(message));
        }
    }

    @Override
    public void removeOutgoing(String clientId, long sequence) {
        String key = outgoingKey(clientId, sequence);
        if (commitsBeforeAcknowledgements) {
            pendingOutgoing.put(key, null);
            changed();
        } else {
            outgoing.remove(key);
        }
    }

    /**
     * Writes the retained and outgoing messages changed since the last commit into their maps, each key once with
     * its last state: a message queued, sent and acknowledged between two commits is never encoded nor written.
     */
    private void applyPending() {
        pendingRetained.forEach((topic, kept) -> {
            if (kept == null) {
                retained.remove(topic);
            } else {
                retained.put(topic, RecordCodec.retained(kept.message(), kept.receivedAtMillis()));
            }
        });
        pendingRetained.clear();
        pendingOutgoing.forEach((key, message) -> {
            if (message == null) {
                outgoing.remove(key);
            } else {
                outgoing.put(key, RecordCodec.outgoing(message));
            }
        });
        pendingOutgoing.clear();
    }

    /** A fixed-width hexadecimal sequence number, so that a session's messages sort in their order. */
    private static String outgoingKey(String clientId, long sequence) {
        String hex = Long.toHexString(sequence);
        return clientId + SEPARATOR + "0".repeat(16 - hex.length()) + hex;
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

    private void changed() {
        if (!commitsBeforeAcknowledgements) {
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
        long size = size();
        if (size > COMPACTION_MIN_BYTES && size > COMPACTION_GROWTH * compactedSize) {
            try {
                compact();
            } catch (IllegalStateException e) {
                LOG.warn("{}; the store goes on in its file as it is", e.getMessage());
            }
            openFile(0);
        }
    }

    /**
     * Closes the store and rewrites its file with only the live data of its last version, into a file beside it that
     * then takes its place in one rename: a crash meanwhile leaves the old file whole. Runs with the store closed, on
     * the broker's thread, which waits for it (a few milliseconds per MiB of live data).
     */
    private void compact() {
        store.close();
        try {
            MVStore.compact(file.toString(), compactionFile.toString(), false, null);
            Files.move(compactionFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot compact the persistence store " + file + ": " + e, e);
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
        try {
            compact();
        } catch (IllegalStateException e) {
            LOG.warn("{}; it stays as it is", e.getMessage());
        }
    }

    @Override
    public void freeze() {
        frozen = true;
        store.setAutoCommitDelay(0);
    }
}
