package dev.midge.broker.internal;

import dev.midge.broker.Authorizer;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;

import java.time.Clock;

/**
 * Takes in what is published: checks that a client may publish on the topic, admits a QoS 1 or 2 message while the
 * memory budget has room for it, keeps the identifiers of inbound QoS 2 messages until PUBREL, and routes each
 * message, reporting its publication before the deliveries it causes.
 *
 * <p>Runs on the broker's thread.
 */
final class Publications {

    private final Authorizer authorizer;
    private final Router router;
    private final EventSink events;
    private final Clock clock;
    private final Statistics statistics;
    private final MemoryBudget budget;
    private final StateStore store;

    Publications(Authorizer authorizer, Router router, EventSink events, Clock clock, Statistics statistics,
                 MemoryBudget budget, StateStore store) {
        this.authorizer = authorizer;
        this.router = router;
        this.events = events;
        this.clock = clock;
        this.statistics = statistics;
        this.budget = budget;
        this.store = store;
    }

    /** @return false, counted as refused, when the budget has no room for one copy of the message */
    boolean admit(Message message) {
        if (budget.fits(MemoryBudget.cost(message.payload().length, message.topic()))) {
            return true;
        }
        statistics.messageRefused();
        return false;
    }

    /** @return whether the message was refused, routed, or accepted with nobody to route it to */
    PublishOutcome publish(Session session, Message message) {
        if (!PublishPermission.granted(authorizer, session.clientId, session.username, message.topic())) {
            if (events.active()) {
                events.emit(new BrokerEvent.PublishRefused(clock.instant(), session.clientId, message,
                        SysTopics.holds(message.topic()) ? "$SYS topics are read-only for clients"
                                : "not authorised"));
            }
            return PublishOutcome.NOT_AUTHORIZED;
        }
        statistics.messageReceived();
        int routed = route(session, message, false);
        return routed == 0 ? PublishOutcome.NO_SUBSCRIBERS : PublishOutcome.ROUTED;
    }

    /** @return how many sessions a message published through the broker API was routed to */
    int publish(Message message) {
        statistics.messageReceived();
        return route(null, message, false);
    }

    /** Routes a message about the broker itself, not counted as received and retained whatever the budget. */
    void publishAsBroker(Message message) {
        route(null, message, true);
    }

    private int route(Session from, Message message, boolean own) {
        Matches matches = router.match(from, message, own);
        int routed = matches.count();
        if (events.active()) {
            events.emit(new BrokerEvent.MessagePublished(clock.instant(), from == null ? null : from.clientId, message,
                    routed));
        }
        router.deliver(matches);
        return routed;
    }

    /** @return true the first time, false for a redelivery of a message already routed */
    boolean firstReceipt(Session session, int packetId) {
        boolean first = session.awaitRelease(packetId);
        if (first && session.outlivesConnection()) {
            store.addAwaitingRelease(session.clientId, packetId);
        }
        return first;
    }

    /** @return whether the packet identifier was awaiting release */
    boolean release(Session session, int packetId) {
        boolean awaited = session.released(packetId);
        if (awaited && session.stored) {
            store.removeAwaitingRelease(session.clientId, packetId);
        }
        return awaited;
    }
}
