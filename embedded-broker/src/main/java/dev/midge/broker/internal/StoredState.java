package dev.midge.broker.internal;

import dev.midge.broker.Message;
import dev.midge.broker.QoS;

import java.util.List;

/**
 * What a {@link StateStore} holds, as the broker reads it back at start, and the records it keeps.
 *
 * @param retained        the retained messages
 * @param sessions        the sessions that outlive their connection
 * @param outgoing        their outgoing messages, each session's in the order they were queued
 * @param awaitingRelease inbound QoS 2 packet identifiers awaiting PUBREL
 * @param wills           delayed wills not yet published
 */
public record StoredState(List<Retained> retained, List<SessionRecord> sessions, List<Outgoing> outgoing,
                          List<AwaitingRelease> awaitingRelease, List<Will> wills) {

    /** Nothing at all. */
    public static final StoredState EMPTY = new StoredState(List.of(), List.of(), List.of(), List.of(), List.of());

    /**
     * @param message          the message, retain flag set
     * @param receivedAtMillis when the broker received it, on the wall clock
     */
    public record Retained(Message message, long receivedAtMillis) {
    }

    /**
     * @param clientId             the client identifier
     * @param username             the user name it last connected with, or null
     * @param expirySeconds        the session expiry interval, {@link Session#NEVER_EXPIRES} for never
     * @param disconnectedAtMillis when its connection ended, on the wall clock, or {@link #CONNECTED}
     * @param subscriptions        its subscriptions
     */
    public record SessionRecord(String clientId, String username, long expirySeconds, long disconnectedAtMillis,
                                List<SubscriptionRecord> subscriptions) {

        /** The end of a connection that had not ended when the session was written. */
        public static final long CONNECTED = -1;

        /** @return whether the session's connection was open when it was written */
        public boolean connected() {
            return disconnectedAtMillis == CONNECTED;
        }
    }

    /**
     * One subscription of a stored session, with every option it was granted with.
     *
     * @param filter            the filter as the client sent it, {@code $share/group/} prefix included
     * @param qos               the granted maximum QoS
     * @param noLocal           MQTT 5 no-local
     * @param retainAsPublished MQTT 5 retain-as-published
     * @param retainHandling    MQTT 5 retain handling
     * @param subscriptionId    MQTT 5 subscription identifier, 0 for none
     */
    public record SubscriptionRecord(String filter, QoS qos, boolean noLocal, boolean retainAsPublished,
                                     int retainHandling, int subscriptionId) {
    }

    /**
     * An outgoing QoS 1 or 2 message of a session.
     *
     * @param clientId                the session's client identifier
     * @param sequence                its place in the session's order
     * @param message                 the message as routed to the session
     * @param receivedAtMillis        when the broker received it, on the wall clock
     * @param subscriptionIdentifiers subscription identifiers to send with it
     * @param packetId                its packet identifier once sent, 0 while queued
     * @param sent                    the message as sent (its expiry interval reduced), or null while queued
     * @param released                whether the client answered PUBREC and PUBREL was sent
     */
    public record Outgoing(String clientId, long sequence, Message message, long receivedAtMillis,
                           List<Integer> subscriptionIdentifiers, int packetId, Message sent, boolean released) {
    }

    /**
     * @param clientId the session's client identifier
     * @param packetId the inbound QoS 2 packet identifier
     */
    public record AwaitingRelease(String clientId, int packetId) {
    }

    /**
     * @param clientId    the session's client identifier
     * @param will        the will message
     * @param dueAtMillis when its delay ends, on the wall clock
     */
    public record Will(String clientId, Message will, long dueAtMillis) {
    }
}
