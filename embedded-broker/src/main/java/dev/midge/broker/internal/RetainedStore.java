package dev.midge.broker.internal;

import dev.midge.broker.Message;
import dev.midge.broker.Topics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last retained message of every topic, within the broker's memory budget. Expired messages (MQTT 5 message
 * expiry) are removed when next looked at. Every change to a client's retained message is reported to the
 * {@link StateStore}; the broker's own ({@code $SYS}) are not kept there.
 *
 * <p>Runs on the broker's thread.
 */
final class RetainedStore {

    /**
     * A retained message and when the broker received it.
     *
     * @param message          the message, retain flag set
     * @param receivedAtMillis when it arrived
     */
    record Retained(Message message, long receivedAtMillis) {
        boolean expiredAt(long nowMillis) {
            Long expiry = message.properties().messageExpiryInterval();
            return expiry != null && nowMillis - receivedAtMillis >= expiry * 1000;
        }

        long cost() {
            return MemoryBudget.cost(message.payload().length, message.topic());
        }
    }

    private final Map<String, Retained> byTopic = new LinkedHashMap<>();
    private final MemoryBudget budget;
    private final StateStore store;

    RetainedStore(MemoryBudget budget, StateStore store) {
        this.budget = budget;
        this.store = store;
    }

    /**
     * Stores a retained message in place of the topic's last one, or clears the topic's retained message when the
     * payload is empty.
     *
     * @return false when the memory budget had no room for the message: the topic then has no retained message, as
     *         keeping the one it replaces would hand out a stale one
     */
    boolean put(Message message, long receivedAtMillis) {
        boolean replaced = forget(message.topic());
        Retained retained = new Retained(message, receivedAtMillis);
        if (message.payload().length == 0 || !budget.fits(retained.cost())) {
            if (replaced) {
                store.removeRetained(message.topic());
            }
            return message.payload().length == 0;
        }
        budget.store(retained.cost());
        byTopic.put(message.topic(), retained);
        store.putRetained(message, receivedAtMillis);
        return true;
    }

    /**
     * Stores a retained message whatever the memory budget, counting it all the same: for the broker's own few, and
     * for those the {@link StateStore} kept, which were accepted before the broker restarted.
     */
    void keep(Message message, long receivedAtMillis) {
        forget(message.topic());
        Retained retained = new Retained(message, receivedAtMillis);
        budget.store(retained.cost());
        byTopic.put(message.topic(), retained);
    }

    private boolean forget(String topic) {
        Retained previous = byTopic.remove(topic);
        if (previous != null) {
            budget.release(previous.cost());
        }
        return previous != null;
    }

    /**
     * @return the live retained messages whose topic matches the filter
     */
    List<Retained> matching(String topicFilter, long nowMillis) {
        List<Retained> found = new ArrayList<>();
        for (Iterator<Retained> it = byTopic.values().iterator(); it.hasNext(); ) {
            Retained retained = it.next();
            if (retained.expiredAt(nowMillis)) {
                it.remove();
                budget.release(retained.cost());
                store.removeRetained(retained.message().topic());
            } else if (Topics.matches(topicFilter, retained.message().topic())) {
                found.add(retained);
            }
        }
        return found;
    }

    /**
     * @return how many retained messages are live
     */
    int count(long nowMillis) {
        removeExpired(nowMillis);
        return byTopic.size();
    }

    /**
     * @return every live retained message
     */
    List<Message> all(long nowMillis) {
        removeExpired(nowMillis);
        List<Message> messages = new ArrayList<>(byTopic.size());
        byTopic.values().forEach(r -> messages.add(r.message()));
        return messages;
    }

    void clear() {
        byTopic.values().forEach(r -> {
            budget.release(r.cost());
            store.removeRetained(r.message().topic());
        });
        byTopic.clear();
    }

    private void removeExpired(long nowMillis) {
        byTopic.values().removeIf(r -> {
            if (r.expiredAt(nowMillis)) {
                budget.release(r.cost());
                store.removeRetained(r.message().topic());
                return true;
            }
            return false;
        });
    }
}
