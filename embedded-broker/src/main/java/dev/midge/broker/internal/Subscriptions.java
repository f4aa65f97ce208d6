package dev.midge.broker.internal;

import dev.midge.broker.Authorizer;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Topics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE: checks each filter (topic filter rules, {@code $share/group/} names, authorisation),
 * keeps the session's subscriptions and the subscription index in step, and sends retained messages to new
 * subscriptions.
 *
 * <p>Runs on the broker's thread.
 */
final class Subscriptions {

    private final TopicTree index;
    private final Router router;
    private final Authorizer authorizer;
    private final EventSink events;
    private final Clock clock;
    private final MemoryBudget budget;

    Subscriptions(TopicTree index, Router router, Authorizer authorizer, EventSink events, Clock clock,
                  MemoryBudget budget) {
        this.budget = budget;
        this.index = index;
        this.router = router;
        this.authorizer = authorizer;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Grants or refuses each filter of a SUBSCRIBE, has it answered, then sends the retained messages matching the
     * subscriptions just granted.
     */
    void subscribe(Session session, List<SubscribeRequest> requests, SubscribeReply reply) {
        List<SubscribeOutcome> outcomes = new ArrayList<>(requests.size());
        List<Subscription> retainedDue = new ArrayList<>();
        boolean granted = false;
        for (SubscribeRequest request : requests) {
            SubscribeOutcome outcome = subscribeOne(session, request, retainedDue);
            granted |= outcome.granted() != null;
            outcomes.add(outcome);
        }
        if (granted) {
            session.persistConnected();
        }
        if (reply.answer(outcomes)) {
            for (Subscription subscription : retainedDue) {
                router.sendRetained(subscription);
            }
        }
    }

    private SubscribeOutcome subscribeOne(Session session, SubscribeRequest request, List<Subscription> retainedDue) {
        String filter = request.filter();
        String group = null;
        String topicFilter = filter;
        if (filter.startsWith(Topics.SHARE_PREFIX)) {
            int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            group = slash < 0 ? "" : filter.substring(Topics.SHARE_PREFIX.length(), slash);
            topicFilter = slash < 0 ? "" : filter.substring(slash + 1);
            if (group.isEmpty() || group.contains("+") || group.contains("#")) {
                return refuseSubscription(session, filter, SubscribeOutcome.Refusal.TOPIC_FILTER_INVALID,
                        "invalid share name");
            }
            if (request.noLocal()) {
                return refuseSubscription(session, filter, SubscribeOutcome.Refusal.PROTOCOL_ERROR,
                        "no-local is not allowed on a shared subscription");
            }
        }
        String problem = Topics.checkFilter(topicFilter);
        if (problem != null) {
            return refuseSubscription(session, filter, SubscribeOutcome.Refusal.TOPIC_FILTER_INVALID, problem);
        }
        if (!authorizer.canSubscribe(session.clientId, session.username, filter)) {
            boolean denied = authorizer instanceof ExplicitDenials rules
                    && rules.deniesSubscription(session.clientId, session.username, filter);
            return denied
                    ? refuseSubscription(session, filter, SubscribeOutcome.Refusal.DENIED, "denied by a rule")
                    : refuseSubscription(session, filter, SubscribeOutcome.Refusal.NOT_AUTHORIZED, "not authorised");
        }
        long cost = MemoryBudget.subscriptionCost(filter);
        if (!session.subscriptions().containsKey(filter) && !budget.fits(cost)) {
            return refuseSubscription(session, filter, SubscribeOutcome.Refusal.QUOTA_EXCEEDED,
                    "no room in the broker's memory budget");
        }
        Subscription subscription = new Subscription(session, filter, topicFilter, group, request.qos(),
                request.noLocal(), request.retainAsPublished(), request.retainHandling(), request.subscriptionId());
        Subscription previous = session.subscribe(subscription);
        if (previous != null) {
            index.remove(previous);
        } else {
            budget.store(cost);
        }
        index.add(subscription);
        boolean wantsRetained = group == null
                && (request.retainHandling() == 0 || (request.retainHandling() == 1 && previous == null));
        if (wantsRetained) {
            retainedDue.add(subscription);
        }
        if (events.active()) {
            events.emit(new BrokerEvent.Subscribed(clock.instant(), session.clientId, filter, request.qos(),
                    request.qos()));
        }
        return SubscribeOutcome.granted(request.qos());
    }

    private SubscribeOutcome refuseSubscription(Session session, String filter, SubscribeOutcome.Refusal refusal,
                                                String why) {
        if (events.active()) {
            events.emit(new BrokerEvent.SubscriptionRefused(clock.instant(), session.clientId, filter, why));
        }
        return SubscribeOutcome.refused(refusal);
    }

    /**
     * @return whether the session had a subscription with that filter
     */
    boolean unsubscribe(Session session, String filter) {
        Subscription removed = session.unsubscribe(filter);
        if (removed != null) {
            index.remove(removed);
            budget.release(MemoryBudget.subscriptionCost(filter));
            session.persistConnected();
        }
        if (events.active()) {
            events.emit(new BrokerEvent.Unsubscribed(clock.instant(), session.clientId, filter, removed != null));
        }
        return removed != null;
    }

    /**
     * Puts back a subscription of a session the {@link StateStore} kept, as it was granted.
     */
    void restore(Session session, StoredState.SubscriptionRecord kept) {
        String filter = kept.filter();
        String group = null;
        String topicFilter = filter;
        if (filter.startsWith(Topics.SHARE_PREFIX)) {
            int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            group = filter.substring(Topics.SHARE_PREFIX.length(), slash);
            topicFilter = filter.substring(slash + 1);
        }
        Subscription subscription = new Subscription(session, filter, topicFilter, group, kept.qos(),
                kept.noLocal(), kept.retainAsPublished(), kept.retainHandling(), kept.subscriptionId());
        session.subscribe(subscription);
        budget.store(MemoryBudget.subscriptionCost(filter));
        index.add(subscription);
    }

    /**
     * Removes every subscription of a session that ends.
     */
    void removeAll(Session session) {
        for (Subscription subscription : session.subscriptions().values()) {
            index.remove(subscription);
            budget.release(MemoryBudget.subscriptionCost(subscription.filter()));
        }
        session.unsubscribeAll();
    }
}
