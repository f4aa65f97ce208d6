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
 * expiry) are removed when next looked at.
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

    RetainedStore(MemoryBudget budget) {
        this.budget = budget;
    }

    /**
     * Stores a retained message in place of the topic's last one, or clears the topic's retained message when the
     * payload is empty.
     *
     * @return false when the memory budget had no room for the message: the topic then has no retained message, as
     *         keeping the one it replaces would hand out a stale one
     */
    boolean put(Message message, long receivedAtMillis) {
        forget(message.topic());
        if (message.payload().length == 0) {
            return true;
        }
        Retained retained = new Retained(message, receivedAtMillis);
        if (!budget.fits(retained.cost())) {
            return false;
        }
        budget.store(retained.cost());
        byTopic.put(message.topic(), retained);
        return true;
    }

    /**
     * Stores a retained message whatever the memory budget, counting it all the same: for the broker's own few.
     */
    void keep(Message message, long receivedAtMillis) {
        forget(message.topic());
        Retained retained = new Retained(message, receivedAtMillis);
        budget.store(retained.cost());
        byTopic.put(message.topic(), retained);
    }

    private void forget(String topic) {
        Retained previous = byTopic.remove(topic);
        if (previous != null) {
            budget.release(previous.cost());
        }
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
        byTopic.values().forEach(r -> budget.release(r.cost()));
        byTopic.clear();
    }

    private void removeExpired(long nowMillis) {
        byTopic.values().removeIf(r -> {
            if (r.expiredAt(nowMillis)) {
                budget.release(r.cost());
                return true;
            }
            return false;
        });
    }
}
