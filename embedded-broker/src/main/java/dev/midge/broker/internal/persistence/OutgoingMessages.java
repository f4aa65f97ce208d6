package dev.midge.broker.internal.persistence;

import dev.midge.broker.internal.StoredState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The outgoing messages of the sessions in the store, in two maps under the same {@link OutgoingKey}s:
 * {@code messages}, each message's body, written once, and {@code inflight}, the small state of each message that was
 * sent, written again when it changes. A message moving from the queue into flight thus costs a few bytes, not the
 * message again.
 *
 * <p>Changes wait in memory until {@link #apply} writes them into the maps, each key once with its last state: a
 * message queued, sent and acknowledged between two commits is never encoded nor written, and one acknowledged
 * within the commit that first writes it costs no more than its removal. A store that saves periodically applies each
 * change at once.
 *
 * <p>Used on the broker's thread.
 */
final class OutgoingMessages {

    /** The last change of a message's in-flight state; {@code fresh} when the maps have never held any. */
    private record InFlightChange(StoredState.Outgoing outgoing, boolean fresh) {
    }

    private static final InFlightChange REMOVED = new InFlightChange(null, false);

    private final MVMap<OutgoingKey, byte[]> bodies;
    private final MVMap<OutgoingKey, byte[]> inFlight;
    private final Map<OutgoingKey, StoredState.Outgoing> bodyChanges = new HashMap<>();
    private final Map<OutgoingKey, InFlightChange> inFlightChanges = new HashMap<>();

    OutgoingMessages(MVStore store) {
        bodies = open(store, "messages");
        inFlight = open(store, "inflight");
    }

    private static MVMap<OutgoingKey, byte[]> open(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<OutgoingKey, byte[]>().keyType(OutgoingKey.TYPE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    /** A new message, queued or about to be sent; its body is written with the next commit. */
    void add(StoredState.Outgoing outgoing) {
        bodyChanges.put(new OutgoingKey(outgoing.clientId(), outgoing.sequence()), outgoing);
    }

    /** A message was sent, or released: its in-flight state in place of the last. */
    void putInFlight(StoredState.Outgoing outgoing) {
        OutgoingKey key = new OutgoingKey(outgoing.clientId(), outgoing.sequence());
        InFlightChange last = inFlightChanges.get(key);
        boolean fresh = last != null ? last.fresh() : !outgoing.released();
        inFlightChanges.put(key, new InFlightChange(outgoing, fresh));
    }

    /**
     * A message was acknowledged, expired or dropped. One whose body no commit has written yet, nor therefore its
     * in-flight state, is forgotten without a trace in the maps.
     */
    void remove(String clientId, long sequence) {
        OutgoingKey key = new OutgoingKey(clientId, sequence);
        if (bodyChanges.get(key) != null) {
            bodyChanges.remove(key);
            inFlightChanges.remove(key);
            return;
        }
        bodyChanges.put(key, null);
        InFlightChange last = inFlightChanges.get(key);
        if (last != null && last.fresh()) {
            inFlightChanges.remove(key);
        } else {
            inFlightChanges.put(key, REMOVED);
        }
    }

    /** Writes the changes made since the last call into the maps. */
    void apply() {
        bodyChanges.forEach((key, outgoing) -> {
            if (outgoing == null) {
                bodies.remove(key);
            } else {
                bodies.put(key, RecordCodec.body(outgoing));
            }
        });
        bodyChanges.clear();
        inFlightChanges.forEach((key, change) -> {
            if (change.outgoing() == null) {
                inFlight.remove(key);
            } else {
                inFlight.put(key, RecordCodec.inFlight(change.outgoing()));
            }
        });
        inFlightChanges.clear();
    }

    /** Forgets every message of a session, applying the changes made so far first. */
    void removeSession(String clientId) {
        apply();
        removeAll(bodies, clientId);
        removeAll(inFlight, clientId);
    }

    private static void removeAll(MVMap<OutgoingKey, byte[]> map, String clientId) {
        List<OutgoingKey> keys = new ArrayList<>();
        for (Iterator<OutgoingKey> it = map.keyIterator(OutgoingKey.first(clientId)); it.hasNext(); ) {
            OutgoingKey key = it.next();
            if (!key.clientId().equals(clientId)) {
                break;
            }
            keys.add(key);
        }
        keys.forEach(map::remove);
    }

    /**
     * @param kept    whether the store still has a session: the messages of one it does not have are removed instead
     * @param removed told when something was removed
     * @return the messages in the maps, each session's in their order
     */
    List<StoredState.Outgoing> load(Predicate<String> kept, Runnable removed) {
        Map<OutgoingKey, byte[]> states = new HashMap<>();
        for (Map.Entry<OutgoingKey, byte[]> entry : inFlight.entrySet()) {
            states.put(entry.getKey(), entry.getValue());
        }
        List<StoredState.Outgoing> messages = new ArrayList<>(bodies.size());
        List<OutgoingKey> orphans = new ArrayList<>();
        for (Map.Entry<OutgoingKey, byte[]> entry : bodies.entrySet()) {
            OutgoingKey key = entry.getKey();
            if (kept.test(key.clientId())) {
                messages.add(RecordCodec.outgoing(key, entry.getValue(), states.remove(key)));
            } else {
                orphans.add(key);
            }
        }
        orphans.forEach(bodies::remove);
        states.keySet().forEach(inFlight::remove);
        if (!orphans.isEmpty() || !states.isEmpty()) {
            removed.run();
        }
        return messages;
    }
}
