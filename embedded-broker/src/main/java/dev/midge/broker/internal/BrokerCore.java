package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.Transport;

import java.time.Clock;
import java.util.List;

/**
 * The broker's state and rules, free of any network code: sessions, subscriptions, retained messages, wills and
 * routing. The transport drives it, connection by connection and packet by packet, and it hands each call to the
 * part that does the work; what the public API reads and clears is in {@link #inventory()}, the faults a test
 * injects in {@link #faults()}. Every method must be called on the broker's single thread, which is what lets the
 * core go without locks.
 */
public final class BrokerCore {

    private final EventSink events;
    private final Clock clock;
    private final RetainedStore retained;
    private final Deliverer deliverer;
    private final Publications publications;
    private final Subscriptions subscriptionRules;
    private final Wills wills;
    private final CoreFaults faults;
    private final CoreInventory inventory;
    private final SessionStore sessions;
    private final MemoryBudget budget;
    private final ConnectDecision connects;
    private final StateStore store;

    public BrokerCore(BrokerConfig config, EventSink events, Clock clock, Scheduler scheduler) {
        this(config, events, clock, scheduler, StateStore.NONE);
    }

    /**
     * @param store where the state that outlives the process is kept, {@link StateStore#NONE} for nowhere
     */
    public BrokerCore(BrokerConfig config, EventSink events, Clock clock, Scheduler scheduler, StateStore store) {
        this.events = events;
        this.clock = clock;
        Statistics statistics = new Statistics(clock.millis());
        DeliveryFaults deliveryFaults = new DeliveryFaults();
        this.budget = new MemoryBudget(config.memoryBudgetBytes());
        this.store = store;
        this.retained = new RetainedStore(budget, store);
        this.deliverer = new Deliverer(config, events, clock, scheduler, deliveryFaults, statistics, budget);
        TopicTree index = new TopicTree();
        Router router = new Router(index, retained, deliverer, config.authorizer(), clock);
        this.publications = new Publications(config.authorizer(), router, events, clock, statistics, budget, store);
        this.subscriptionRules = new Subscriptions(index, router, config.authorizer(), events, clock, budget);
        this.wills = new Wills(router, events, clock, scheduler, store);
        this.sessions = new SessionStore(subscriptionRules, wills, events, clock, scheduler, budget, store);
        this.connects = new ConnectDecision(config, events, clock, sessions, statistics);
        this.faults = new CoreFaults(connects, sessions, deliveryFaults, scheduler);
        this.inventory = new CoreInventory(retained, sessions, statistics, budget, clock);
    }

    /** @return what the broker holds, as the public API reads and clears it */
    public CoreInventory inventory() {
        return inventory;
    }

    /** @return the faults a test injects: CONNECT refusals, cut connections, disturbed deliveries */
    public CoreFaults faults() {
        return faults;
    }

    /**
     * Puts back what the store kept, before any client connects: retained messages, then sessions with their
     * subscriptions, messages and identifiers awaiting release, then their expiry and delayed wills, counted from
     * the times the store recorded.
     */
    public void restore(StoredState state) {
        new StateRestore(retained, sessions, subscriptionRules, wills, clock).apply(state);
    }

    /**
     * Makes the state changes made so far as durable as the persistence settings say; nothing to do when there are
     * none. The transport calls it before it sends what it holds, acknowledgements among it.
     */
    public void commitState() {
        store.commit();
    }

    /**
     * Decides a CONNECT and, when accepted, attaches the link to its session (taking over any earlier
     * connection with the same client identifier). The caller sends CONNACK, then calls {@link #connected}.
     */
    public ConnectOutcome connect(ConnectAttempt attempt, ClientLink link) {
        return connects.connect(attempt, link);
    }

    /**
     * Refuses a CONNECT, reported as a {@link BrokerEvent.ConnectionRefused}; the transport calls it for the
     * refusals it decides itself, such as a failed enhanced authentication.
     */
    public ConnectOutcome refuse(ConnectAttempt attempt, ConnectCode code) {
        return connects.refuse(attempt, code);
    }

    /**
     * CONNACK has been sent: resend what the session holds unacknowledged and start delivering its queue.
     */
    public void connected(Session session) {
        deliverer.resume(session);
    }

    /**
     * @param clientId the client identifier of a bridge's side on this broker
     * @return its session, made if there is none, which never expires, so that it queues for the upstream while the
     *         bridge is away; its subscriptions are the bridge's to make
     */
    public Session bridgeSession(String clientId) {
        return sessions.bridgeSession(clientId);
    }

    /**
     * A bridge is connected to its upstream: its link is attached to its session without authentication, limit or
     * will, and what the session holds goes out as after any CONNECT. Detached by {@link #disconnected}.
     *
     * @param upstreamSessionPresent whether the upstream kept the bridge's session: when it did not, the QoS 2
     *                               packet identifiers it had sent and not released yet mean nothing any more
     */
    public void bridgeConnected(Session session, ClientLink link, int protocolVersion, Transport transport,
                                boolean upstreamSessionPresent) {
        if (!upstreamSessionPresent) {
            session.releaseAll();
        }
        sessions.attach(session, link);
        if (events.active()) {
            events.emit(new BrokerEvent.ClientConnected(clock.instant(), session.clientId, protocolVersion, false,
                    true, null, transport, 0));
        }
        deliverer.resume(session);
    }

    /**
     * Queues a message of a bridge's own, which no local client published, for its upstream: it goes out in order
     * with what the bridge's session already holds, and under the session's QoS 1/2 tracking.
     */
    public void sendUpstream(Session bridgeSession, Message message) {
        deliverer.offer(bridgeSession, message, clock.millis(), List.of());
    }

    /**
     * The link's connection has ended. Publishes the will when the end was abnormal, and removes or schedules the
     * removal of the session according to its expiry interval. Does nothing if the link was already detached.
     *
     * @param session            the session the link was attached to
     * @param link               the ended link
     * @param reason             why it ended
     * @param detail             more about the reason, or an empty string
     * @param publishWill        whether the will is due
     * @param newExpirySeconds   an expiry interval set at DISCONNECT (MQTT 5), or null to keep the one from CONNECT
     */
    public void disconnected(Session session, ClientLink link, DisconnectReason reason, String detail,
                             boolean publishWill, Long newExpirySeconds) {
        if (session.link != link) {
            return;
        }
        if (newExpirySeconds != null) {
            session.expirySeconds = newExpirySeconds;
        }
        sessions.detach(session, reason, detail, publishWill);
    }

    /**
     * Grants or refuses each filter of a SUBSCRIBE, has it answered, then sends the retained messages matching the
     * subscriptions just granted: after the SUBACK.
     *
     * @param reply how the SUBSCRIBE is answered
     */
    public void subscribe(Session session, List<SubscribeRequest> requests, SubscribeReply reply) {
        subscriptionRules.subscribe(session, requests, reply);
    }

    /**
     * @return whether the session had a subscription with that filter
     */
    public boolean unsubscribe(Session session, String filter) {
        return subscriptionRules.unsubscribe(session, filter);
    }

    /**
     * A connection that could not take more data can again: its session's waiting messages go out.
     */
    public void writable(Session session) {
        deliverer.writable(session);
    }

    /**
     * Decides whether the broker takes a QoS 1 or 2 message from an MQTT 5 publisher, which it can refuse with
     * reason code 0x97 (quota exceeded): it does while the memory budget has room for one copy of the message.
     *
     * @return false, counted as refused, when the budget is full
     */
    public boolean admit(Message message) {
        return publications.admit(message);
    }

    /** @return the broker-wide memory budget, which packets being received count against too */
    public MemoryBudget memoryBudget() {
        return budget;
    }

    /**
     * Routes a message a client published, if it is authorised to (a will is authorised at CONNECT).
     *
     * @return whether it was refused, routed, or accepted with nobody to route it to
     */
    public PublishOutcome publish(Session session, Message message) {
        return publications.publish(session, message);
    }

    /**
     * Routes a message published through the broker API.
     *
     * @return how many sessions it was routed to
     */
    public int publish(Message message) {
        return publications.publish(message);
    }

    /**
     * Routes a message the broker publishes about itself ({@code $SYS}): not counted as received, and kept as
     * retained even when the memory budget is full, so that the statistics that tell of it stay readable.
     */
    public void publishAsBroker(Message message) {
        publications.publishAsBroker(message);
    }

    /**
     * Records an inbound QoS 2 packet identifier until PUBREL.
     *
     * @return true the first time, false for a redelivery of a message already routed
     */
    public boolean firstReceipt(Session session, int packetId) {
        return publications.firstReceipt(session, packetId);
    }

    /**
     * @return whether the packet identifier was awaiting release
     */
    public boolean release(Session session, int packetId) {
        return publications.release(session, packetId);
    }

    /** The client acknowledged a QoS 1 message (PUBACK). */
    public void acknowledged(Session session, int packetId) {
        deliverer.puback(session, packetId);
    }

    /**
     * The client answered PUBREC to a QoS 2 message.
     *
     * @param accepted false when an MQTT 5 client refused the message with an error reason code
     */
    public void received(Session session, int packetId, boolean accepted) {
        if (!accepted) {
            deliverer.complete(session, packetId);
        } else {
            deliverer.pubrec(session, packetId);
        }
    }

    /** The client answered PUBCOMP. */
    public void completed(Session session, int packetId) {
        deliverer.complete(session, packetId);
    }

    /**
     * Ends every connection as a broker going down would: MQTT 5 clients are told the server is shutting down, no
     * will is published, and sessions live on according to their expiry interval.
     */
    public void disconnectAll() {
        sessions.disconnectAll();
    }

    /**
     * Ends every connection and stops every timer, for broker shutdown.
     */
    public void shutdown() {
        sessions.shutdown();
    }
}
