package dev.midge.broker.internal;

import dev.midge.broker.Authorizer;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Routes a published message: stores or clears it as retained, finds every matching subscription, and hands one
 * copy per subscribing session to the {@link Deliverer} at the highest QoS among that session's matching
 * subscriptions (downgraded to the message's own QoS), with all their subscription identifiers, unless the
 * {@link Authorizer} says that session may not receive the topic.
 *
 * <p>It does so in two steps, {@link #match} then {@link #deliver}, and calls nobody back: whoever routes a
 * message reports its publication between the two, before the deliveries it causes.
 *
 * <p>Matching allocates nothing per subscriber beyond what the delivered copy needs: it collects into one reused
 * {@link Matches}.
 *
 * <p>Runs on the broker's thread.
 */
final class Router {

    private final TopicTree index;
    private final RetainedStore retained;
    private final Deliverer deliverer;
    private final Authorizer authorizer;
    private final Clock clock;

    private final Matches matches = new Matches();
    private final Consumer<Subscription> collector = this::collect;
    private Session publisher;
    private String topic;

    Router(TopicTree index, RetainedStore retained, Deliverer deliverer, Authorizer authorizer, Clock clock) {
        this.index = index;
        this.retained = retained;
        this.deliverer = deliverer;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /**
     * The first step of routing a message: stores or clears it as retained and finds the sessions it goes to. The
     * caller reports the publication, then calls {@link #deliver}, so that a publication is reported before the
     * deliveries it causes.
     *
     * @param from    the publishing session, or null for wills and messages published through the broker API
     * @param message the message as published
     * @param own     whether the broker publishes the message about itself ({@code $SYS}): then it is kept as
     *                retained whatever the memory budget, so that its statistics stay readable when the budget is full
     * @return the sessions found, valid until the next call
     */
    Matches match(Session from, Message message, boolean own) {
        long now = clock.millis();
        if (message.retain()) {
            if (own) {
                retained.keep(message, now);
            } else if (!retained.put(message, now)) {
                deliverer.notRetained(message);
            }
        }
        matches.start(message, now);
        publisher = from;
        topic = message.topic();
        index.match(message.topic(), collector);
        publisher = null;
        topic = null;
        return matches;
    }

    /**
     * The second step of routing: hands one copy of the message to each session found by {@link #match}.
     */
    void deliver(Matches matches) {
        Message message = matches.message;
        for (int i = 0; i < matches.size(); i++) {
            Matches.Match match = matches.get(i);
            if (match.qos == null) {
                continue;
            }
            Message copy = message.withQos(message.qos().min(match.qos))
                    .withRetain(message.retain() && match.retainAsPublished);
            List<Integer> ids = match.subscriptionIds.isEmpty() ? List.of() : List.copyOf(match.subscriptionIds);
            deliverer.offer(match.session, copy, matches.now, ids);
        }
        matches.clear();
    }

    private void collect(Subscription subscription) {
        Session session = subscription.session();
        boolean single = session.subscriptions().size() == 1;
        Matches.Match match = single ? null : matches.of(session);
        if (match == null) {
            match = matches.add(session, authorizer.canReceive(session.clientId, session.username, topic), !single);
        }
        if (match.readable && !(subscription.noLocal() && session == publisher)) {
            match.add(subscription);
        }
    }

    /**
     * Sends the retained messages matching a new subscription, retain flag set, at the subscription's QoS.
     */
    void sendRetained(Subscription subscription) {
        long now = clock.millis();
        List<Integer> ids = subscription.subscriptionId() == 0 ? List.of() : List.of(subscription.subscriptionId());
        Session session = subscription.session();
        for (RetainedStore.Retained r : retained.matching(subscription.topicFilter(), now)) {
            Message message = r.message();
            if (!authorizer.canReceive(session.clientId, session.username, message.topic())) {
                continue;
            }
            deliverer.offer(session, message.withQos(message.qos().min(subscription.qos())),
                    r.receivedAtMillis(), ids);
        }
    }
}
