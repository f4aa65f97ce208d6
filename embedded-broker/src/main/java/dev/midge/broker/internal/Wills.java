package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;

import java.time.Clock;

/**
 * Publishes will messages: at once, or after the MQTT 5 will delay interval unless the client comes back first, and
 * no later than the end of its session.
 *
 * <p>Runs on the broker's thread.
 */
final class Wills {

    private final Router router;
    private final EventSink events;
    private final Clock clock;
    private final Scheduler scheduler;
    private final StateStore store;

    Wills(Router router, EventSink events, Clock clock, Scheduler scheduler, StateStore store) {
        this.router = router;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * A connection ended abnormally and its will is due.
     */
    void due(Session session, Message will, long delaySeconds) {
        if (delaySeconds <= 0) {
            publish(session.clientId, will);
            return;
        }
        if (session.outlivesConnection()) {
            store.putWill(session.clientId, will, clock.millis() + delaySeconds * 1000);
        }
        pend(session, will, delaySeconds * 1000);
    }

    /**
     * Puts back a delayed will the {@link StateStore} kept: it is published when its delay ends, at once if it
     * ended while the broker was down.
     */
    void restore(Session session, Message will, long dueAtMillis) {
        pend(session, will, Math.max(0, dueAtMillis - clock.millis()));
    }

    private void pend(Session session, Message will, long delayMillis) {
        session.pendingWill = will;
        session.willTask = scheduler.schedule(delayMillis, () -> publishPendingNow(session));
    }

    /**
     * The client came back within the will delay, or its session is discarded: the pending will is not published.
     */
    void cancelPending(Session session) {
        stopTimer(session);
        if (session.pendingWill != null && session.stored) {
            store.removeWill(session.clientId);
        }
        session.pendingWill = null;
    }

    /**
     * The broker stops: the pending will is not published now, and the {@link StateStore} keeps it for the next
     * start.
     */
    void stopTimer(Session session) {
        if (session.willTask != null) {
            session.willTask.cancel();
            session.willTask = null;
        }
    }

    /**
     * Publishes a delayed will now, because its delay ran out or its session ends.
     */
    void publishPendingNow(Session session) {
        Message will = session.pendingWill;
        cancelPending(session);
        if (will != null) {
            publish(session.clientId, will);
        }
    }

    private void publish(String clientId, Message will) {
        Matches matches = router.match(null, will, false);
        if (events.active()) {
            events.emit(new BrokerEvent.WillPublished(clock.instant(), clientId, will, matches.count()));
        }
        router.deliver(matches);
    }
}
