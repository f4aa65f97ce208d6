package dev.midge.broker.internal;

import dev.midge.broker.Message;
import dev.midge.broker.QoS;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What matching one message found: the message, when it was routed, and for each session with a matching
 * subscription what those subscriptions add up to. {@link Router} fills it, its caller reports the publication from
 * {@link #count()}, then {@link Router#deliver} empties it.
 *
 * <p>The router reuses one instance for every message, and its {@link Match} entries with it, so that matching
 * allocates nothing per message or per subscriber once the largest fan-out has been seen; emptying it costs one step
 * per session found, whatever the largest fan-out was.
 *
 * <p>Used only on the broker's thread.
 */
final class Matches {

    /** One session's share of the message. */
    static final class Match {
        Session session;
        /** Whether the {@link dev.midge.broker.Authorizer} lets the session receive the topic. */
        boolean readable;
        /** The highest QoS among the session's matching subscriptions, null while none counts. */
        QoS qos;
        boolean retainAsPublished;
        final List<Integer> subscriptionIds = new ArrayList<>(2);

        void add(Subscription subscription) {
            if (qos == null || subscription.qos().compareTo(qos) > 0) {
                qos = subscription.qos();
            }
            retainAsPublished |= subscription.retainAsPublished();
            if (subscription.subscriptionId() != 0) {
                subscriptionIds.add(subscription.subscriptionId());
            }
        }
    }

    private final Map<Session, Match> bySession = new IdentityHashMap<>();
    private final List<Match> entries = new ArrayList<>();
    private int size;
    Message message;
    long now;

    void start(Message message, long now) {
        clear();
        this.message = message;
        this.now = now;
    }

    /** @return the session's entry, or null when the session was not found yet */
    Match of(Session session) {
        return bySession.get(session);
    }

    /**
     * @param indexed whether {@link #of} must find the entry later: needless when the session has a single
     *                subscription, which a topic matches at most once
     * @return a new entry for a session found for the first time
     */
    Match add(Session session, boolean readable, boolean indexed) {
        if (size == entries.size()) {
            entries.add(new Match());
        }
        Match match = entries.get(size++);
        match.session = session;
        match.readable = readable;
        match.qos = null;
        match.retainAsPublished = false;
        match.subscriptionIds.clear();
        if (indexed) {
            bySession.put(session, match);
        }
        return match;
    }

    /** @return how many sessions were found, including those that will not receive the message */
    int size() {
        return size;
    }

    Match get(int index) {
        return entries.get(index);
    }

    /** @return how many sessions the message goes to: those found with a subscription that counts */
    int count() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (entries.get(i).qos != null) {
                count++;
            }
        }
        return count;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            Match match = entries.get(i);
            bySession.remove(match.session);
            match.session = null;
        }
        size = 0;
        message = null;
    }
}
