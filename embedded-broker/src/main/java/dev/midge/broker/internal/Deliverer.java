package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DeliveryFault;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends messages to sessions with QoS 1/2 flow control: an in-flight window per client, a queue behind it (offline
 * clients and connections that cannot take more data included) bounded in messages, in bytes and by the broker's
 * memory budget, acknowledgement handling, redelivery with DUP on reconnect, and message expiry.
 *
 * <p>Queue policy: when a session's queue is full, or the memory budget has no room, the newest message is dropped
 * and reported; queued messages are never evicted. QoS 0 messages are never queued: they are sent at once, or
 * dropped when the client is offline or its connection cannot take more data.
 *
 * <p>Runs on the broker's thread.
 */
final class Deliverer {

    private final BrokerConfig config;
    private final EventSink events;
    private final Clock clock;
    private final Scheduler scheduler;
    private final DeliveryFaults faults;
    private final Statistics statistics;
    private final MemoryBudget budget;

    Deliverer(BrokerConfig config, EventSink events, Clock clock, Scheduler scheduler, DeliveryFaults faults,
              Statistics statistics, MemoryBudget budget) {
        this.config = config;
        this.budget = budget;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
        this.faults = faults;
        this.statistics = statistics;
    }

    /**
     * Delivers a message to a session now if it can, or queues it.
     *
     * @param message the message with the subscriber's QoS and retain flag already applied
     */
    void offer(Session session, Message message, long receivedAtMillis, List<Integer> subscriptionIds) {
        DeliveryFault fault = faults.match(session.clientId, message.topic());
        if (fault == null) {
            offerNow(session, message, receivedAtMillis, subscriptionIds);
        } else if (fault.drops()) {
            dropped(session, message, DropReason.FAULT_INJECTED);
        } else {
            scheduler.schedule(fault.delay().toMillis(),
                    () -> offerNow(session, message, receivedAtMillis, subscriptionIds));
        }
    }

    private void offerNow(Session session, Message message, long receivedAtMillis, List<Integer> subscriptionIds) {
        ClientLink link = session.link;
        if (message.qos() == QoS.AT_MOST_ONCE) {
            if (link == null) {
                dropped(session, message, DropReason.CLIENT_OFFLINE);
            } else if (!link.isWritable()) {
                dropped(session, message, DropReason.SLOW_CONSUMER);
            } else {
                send(session, link, message, receivedAtMillis, subscriptionIds);
            }
            return;
        }
        Outbox outbox = session.outbox;
        Outbox.Queued item = outbox.item(message, receivedAtMillis, subscriptionIds);
        if (link != null && link.isWritable() && !outbox.hasQueued() && outbox.inFlightCount() < window(link)) {
            sendTracked(session, link, item, true);
        } else if (outbox.queuedCount() >= config.maxQueuedMessages()
                || outbox.queuedBytes() + item.cost() > config.maxQueuedBytes()) {
            dropped(session, message, DropReason.QUEUE_FULL);
        } else if (!budget.fits(item.cost())) {
            dropped(session, message, DropReason.MEMORY_BUDGET_EXCEEDED);
        } else {
            outbox.enqueue(item);
        }
    }

    /** The client's connection can take data again: send what waits for room in its window. */
    void writable(Session session) {
        drain(session);
    }

    /** The client acknowledged a QoS 1 message. */
    void puback(Session session, int packetId) {
        Outbox.InFlight entry = session.outbox.get(packetId);
        if (entry != null && entry.sent.qos() == QoS.AT_LEAST_ONCE) {
            session.outbox.remove(packetId);
            drain(session);
        }
    }

    /** The client received a QoS 2 message: release it, unless the identifier is not one of an outgoing QoS 2. */
    void pubrec(Session session, int packetId) {
        Outbox.InFlight entry = session.outbox.get(packetId);
        if (entry == null || entry.sent.qos() != QoS.EXACTLY_ONCE) {
            return;
        }
        session.outbox.release(entry);
        session.link.sendPubrel(packetId);
    }

    /** The client completed a QoS 2 delivery, or refused it (MQTT 5 PUBREC with an error code). */
    void complete(Session session, int packetId) {
        if (session.outbox.remove(packetId) != null) {
            drain(session);
        }
    }

    /**
     * A client has just connected to a session that may hold unacknowledged and queued messages: resend the
     * unacknowledged ones in their original order (PUBLISH with DUP, or PUBREL), then fill the window. A message
     * the client's Maximum Packet Size no longer admits is dropped as if it had been delivered (MQTT-3.1.2-25).
     */
    void resume(Session session) {
        ClientLink link = session.link;
        List<Outbox.InFlight> tooLarge = null;
        for (Outbox.InFlight entry : session.outbox.inFlight()) {
            if (entry.released) {
                link.sendPubrel(entry.packetId);
            } else if (link.sendPublish(entry.packetId, entry.sent, true, entry.item.subscriptionIdentifiers())) {
                delivered(session, entry.sent, true);
            } else {
                if (tooLarge == null) {
                    tooLarge = new ArrayList<>();
                }
                tooLarge.add(entry);
            }
        }
        if (tooLarge != null) {
            for (Outbox.InFlight entry : tooLarge) {
                dropped(session, entry.sent, DropReason.PACKET_TOO_LARGE);
                session.outbox.remove(entry.packetId);
            }
        }
        drain(session);
    }

    private void drain(Session session) {
        ClientLink link = session.link;
        if (link == null) {
            return;
        }
        Outbox outbox = session.outbox;
        int window = window(link);
        while (outbox.inFlightCount() < window && outbox.hasQueued() && link.isWritable()) {
            sendTracked(session, link, outbox.pollQueued(), false);
        }
    }

    private void sendTracked(Session session, ClientLink link, Outbox.Queued item, boolean fresh) {
        Message message = withRemainingExpiry(session, item.message(), item.receivedAtMillis());
        if (message == null) {
            if (!fresh) {
                session.outbox.forget(item);
            }
            return;
        }
        Outbox.InFlight entry = session.outbox.track(item, message, fresh);
        if (!deliver(session, link, entry.packetId, message, item.subscriptionIdentifiers())) {
            session.outbox.remove(entry.packetId);
        }
    }

    private void send(Session session, ClientLink link, Message original, long receivedAtMillis,
                      List<Integer> subscriptionIds) {
        Message message = withRemainingExpiry(session, original, receivedAtMillis);
        if (message != null) {
            deliver(session, link, 0, message, subscriptionIds);
        }
    }

    /** @return whether the message went out: false when it was dropped as too large for the client */
    private boolean deliver(Session session, ClientLink link, int packetId, Message message,
                            List<Integer> subscriptionIds) {
        if (link.sendPublish(packetId, message, false, subscriptionIds)) {
            delivered(session, message, false);
            return true;
        }
        dropped(session, message, DropReason.PACKET_TOO_LARGE);
        return false;
    }

    private void delivered(Session session, Message message, boolean duplicate) {
        statistics.messageSent();
        if (events.active()) {
            events.emit(new BrokerEvent.MessageDelivered(clock.instant(), session.clientId, message, duplicate));
        }
    }

    /**
     * @return the message with its expiry interval reduced by the time it waited, the message itself when it has
     *         no expiry or did not wait, or null (reported as dropped) when it has expired
     */
    private Message withRemainingExpiry(Session session, Message message, long receivedAtMillis) {
        Long expiry = message.properties().messageExpiryInterval();
        if (expiry == null) {
            return message;
        }
        long waitedSeconds = (clock.millis() - receivedAtMillis) / 1000;
        if (waitedSeconds == 0) {
            return message;
        }
        long remaining = expiry - waitedSeconds;
        if (remaining <= 0) {
            dropped(session, message, DropReason.EXPIRED);
            return null;
        }
        return message.withProperties(message.properties().withMessageExpiryInterval(remaining));
    }

    private int window(ClientLink link) {
        return Math.min(config.maxInflightMessages(), link.receiveMaximum());
    }

    /** A retained message the memory budget had no room to keep: it is still routed, but not retained. */
    void notRetained(Message message) {
        statistics.messageDropped(DropReason.MEMORY_BUDGET_EXCEEDED);
        if (events.active()) {
            events.emit(new BrokerEvent.MessageDropped(clock.instant(), null, message,
                    DropReason.MEMORY_BUDGET_EXCEEDED));
        }
    }

    private void dropped(Session session, Message message, DropReason reason) {
        statistics.messageDropped(reason);
        if (events.active()) {
            events.emit(new BrokerEvent.MessageDropped(clock.instant(), session.clientId, message, reason));
        }
    }
}
