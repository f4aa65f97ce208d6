package dev.midge.junit;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerCertificate;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.broker.VirtualTime;

import dev.midge.junit.assertions.BrokerAssert;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The broker a test runs against, as injected by {@link MqttBroker}: where it is, what it recorded, what it holds,
 * and how to break it. Pass it to {@code MqttAssertions.assertThat(...)} to assert on its traffic.
 *
 * <p>In external mode (a real broker elsewhere) the recorded messages come from a client subscribed to {@code #},
 * and what needs the broker's own state (connected clients, subscriptions, retained messages, faults) fails with
 * a message saying so.
 */
public interface BrokerHandle {

    /** @return {@code tcp://host:port} */
    URI uri();

    /** @return {@code ws://host:port/mqtt}; needs {@code @MqttBroker(websocket = true)} */
    URI websocketUri();

    /** @return {@code ssl://host:port}; needs {@code @MqttBroker(tls = true)} */
    URI tlsUri();

    /** @return {@code wss://host:port/mqtt}; needs {@code @MqttBroker(tls = true, websocket = true)} */
    URI secureWebsocketUri();

    /**
     * @return the certificate the TLS listeners present, with a socket factory and a PEM file for clients to trust
     *         it; needs {@code @MqttBroker(tls = true)}
     */
    BrokerCertificate certificate();

    /** @return the host clients connect to */
    String host();

    /** @return the TCP port */
    int port();

    /** @return whether the tests run against an external broker */
    boolean isExternal();

    /**
     * @return the embedded broker itself, for what this handle does not offer
     * @throws UnsupportedOperationException in external mode
     */
    Broker broker();

    /**
     * Publishes a message as if a client had.
     *
     * @param message the message
     */
    void publish(Message message);

    /**
     * Publishes a QoS 0, non-retained text message.
     *
     * @param topic   the topic
     * @param payload the payload, as UTF-8
     */
    default void publish(String topic, String payload) {
        publish(Message.of(topic, payload));
    }

    /**
     * @return the events recorded since the test started (or since the last reset)
     */
    Recording recording();

    /**
     * @return the messages the broker received (from clients and through {@link #publish}), oldest first
     */
    default List<Message> receivedMessages() {
        return recording().events(BrokerEvent.MessagePublished.class).stream()
                .map(BrokerEvent.MessagePublished::message)
                .toList();
    }

    /**
     * @param topic the topic name, matched exactly
     * @return the payloads of the messages received on a topic, decoded as UTF-8, oldest first
     */
    default List<String> receivedPayloads(String topic) {
        return receivedMessages().stream()
                .filter(m -> m.topic().equals(topic))
                .map(Message::payloadAsString)
                .toList();
    }

    /** @return the identifiers of the clients connected now */
    List<String> connectedClients();

    /** @return every subscription the broker holds */
    List<SubscriptionInfo> subscriptions();

    /** @return the retained messages, one per topic */
    List<Message> retainedMessages();

    /**
     * @return how long {@code assertThat(broker)} waits unless {@code within(...)} says otherwise: the JUnit
     *         configuration parameter {@code midge.assertions.timeout}, 5 s when it is not set
     */
    default Duration assertionTimeout() {
        return BrokerAssert.DEFAULT_TIMEOUT;
    }

    /** @return fault injection: cut connections, take the broker down, refuse or disturb traffic */
    Faults faults();

    /**
     * @return the broker's clock, to move forward with {@link VirtualTime#advance}
     * @throws IllegalStateException         when the broker runs on real time (the message says what to write)
     * @throws UnsupportedOperationException against an external broker, which keeps its own time
     */
    VirtualTime virtualTime();
}
