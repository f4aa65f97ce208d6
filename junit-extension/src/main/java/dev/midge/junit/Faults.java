package dev.midge.junit;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.NetworkConditions;

import java.time.Duration;

/**
 * Fault injection: what a Raspberry Pi's MQTT code must survive. Every fault ends by itself at the end of the
 * test; only the embedded broker supports them.
 */
public interface Faults {

    /**
     * Cuts a client's connection abruptly, as a network failure would: no DISCONNECT, and its will is published.
     *
     * @param clientId the client
     * @throws AssertionError when no client with that id is connected (the message lists the connected ones)
     */
    void dropConnection(String clientId);

    /**
     * Takes the broker down: every connection ends (no wills) and the port refuses connections until
     * {@link #bringBrokerBack()}. Sessions and retained messages survive, as with a broker that persists them.
     */
    void takeBrokerDown();

    /** Brings the broker back on the same port(s). */
    void bringBrokerBack();

    /**
     * Crashes the broker as a killed process would: nothing more is written to its store, every connection is cut
     * without a DISCONNECT and without wills, what it held only in memory is lost, and its ports refuse connections
     * until {@link #restartBroker()}. With {@link MqttBroker#persistence()} its store keeps every message it
     * acknowledged; without, a restarted broker starts empty.
     */
    void crashBroker();

    /**
     * Starts a crashed broker again on the same ports and, with {@link MqttBroker#persistence()}, the same store: it
     * resumes with the sessions, queued, in-flight and retained messages the store kept. A broker with TLS presents
     * a new self-signed certificate. {@link BrokerHandle#broker()} is then the new broker. Does nothing when the
     * broker has not crashed; the end of the test restarts it too.
     */
    void restartBroker();

    /**
     * Refuses the next CONNECT with a code, whatever the client presents.
     *
     * @param code e.g. {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD}
     */
    default void refuseNextConnect(ConnectCode code) {
        refuseNextConnects(code, 1);
    }

    /**
     * Refuses the next CONNECTs with a code.
     *
     * @param code  the CONNACK code
     * @param count how many
     */
    void refuseNextConnects(ConnectCode code, int count);

    /**
     * Drops every message the broker would deliver to a client, for a while.
     *
     * @param clientId the subscriber
     * @param period   how long; {@link Duration#ZERO} for the rest of the test
     */
    void dropDeliveriesTo(String clientId, Duration period);

    /**
     * Drops every delivery of messages on matching topics, for a while.
     *
     * @param topicFilter a topic filter, wildcards allowed
     * @param period      how long; {@link Duration#ZERO} for the rest of the test
     */
    void dropDeliveriesOn(String topicFilter, Duration period);

    /**
     * Holds back every delivery to a client, for a while.
     *
     * @param clientId the subscriber
     * @param delay    how long each delivery is held back
     * @param period   how long the fault lasts; {@link Duration#ZERO} for the rest of the test
     */
    void delayDeliveriesTo(String clientId, Duration delay, Duration period);

    /**
     * Holds back every delivery of messages on matching topics, for a while.
     *
     * @param topicFilter a topic filter, wildcards allowed
     * @param delay       how long each delivery is held back
     * @param period      how long the fault lasts; {@link Duration#ZERO} for the rest of the test
     */
    void delayDeliveriesOn(String topicFilter, Duration delay, Duration period);

    /**
     * The network between one client and the broker, made faulty in the broker's own transport: silence (the pulled
     * cable), half-open, latency, lost packets, reset — see {@link NetworkConditions}. Healed at the end of the test.
     *
     * @param clientId the client, whether connected now or later
     * @return its network conditions
     */
    NetworkConditions network(String clientId);

    /**
     * The network of every connection, present and future; see {@link #network(String)}.
     *
     * @return the conditions of every connection
     */
    NetworkConditions network();
}
