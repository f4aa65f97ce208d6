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

    Wills(Router router, EventSink events, Clock clock, Scheduler scheduler) {
        this.router = router;
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
        session.pendingWill = will;
        session.willTask = scheduler.schedule(delaySeconds * 1000, () -> publishPendingNow(session));
    }

    /**
     * The client came back within the will delay, or the broker shuts down: the pending will is not published.
     */
    void cancelPending(Session session) {
        if (session.willTask != null) {
            session.willTask.cancel();
            session.willTask = null;
        }
        session.pendingWill = null;
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
        router.route(null, will, events.active()
                ? routed -> events.emit(new BrokerEvent.WillPublished(clock.instant(), clientId, will, routed))
                : Router.SILENT);
    }
}
