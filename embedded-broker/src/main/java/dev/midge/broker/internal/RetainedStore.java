package dev.midge.broker.internal;

import dev.midge.broker.Message;
import dev.midge.broker.Topics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last retained message of every topic. Expired messages (MQTT 5 message expiry) are removed when next looked at.
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
    }

    private final Map<String, Retained> byTopic = new LinkedHashMap<>();

    /**
     * Stores a retained message, or clears the topic's retained message when the payload is empty.
     */
    void put(Message message, long receivedAtMillis) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
        } else {
            byTopic.put(message.topic(), new Retained(message, receivedAtMillis));
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
        byTopic.values().removeIf(r -> r.expiredAt(nowMillis));
        return byTopic.size();
    }

    /**
     * @return every live retained message
     */
    List<Message> all(long nowMillis) {
        byTopic.values().removeIf(r -> r.expiredAt(nowMillis));
        List<Message> messages = new ArrayList<>(byTopic.size());
        byTopic.values().forEach(r -> messages.add(r.message()));
        return messages;
    }

    void clear() {
        byTopic.clear();
    }
}
