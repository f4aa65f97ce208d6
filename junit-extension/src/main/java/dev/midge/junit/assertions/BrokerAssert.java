package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.junit.BrokerHandle;
import org.assertj.core.annotation.CheckReturnValue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions on an MQTT broker: what it received, which clients connected and disconnected, which subscriptions and
 * retained messages it holds, which wills it published, what it refused. Start with
 * {@link dev.midge.junit.MqttAssertions#assertThat(BrokerHandle)}.
 *
 * <p>The code under test talks to the broker from its own threads, so every assertion <em>waits</em> until it holds,
 * up to a timeout, and returns as soon as it does: {@link BrokerHandle#assertionTimeout()} (the JUnit configuration
 * parameter {@code midge.assertions.timeout}, {@value #DEFAULT_TIMEOUT_SECONDS} s when it is not set) unless
 * {@link #within(Duration)} says otherwise. The timeout is set before the assertion it applies to:
 *
 * <pre>{@code
 * assertThat(broker).within(Duration.ofSeconds(2)).hasConnectedClient("pi-1");
 * assertThat(broker).received().onTopic("raspberry/topic").within(Duration.ofSeconds(2)).messages(5);
 * }</pre>
 *
 * <p>A failure message states the expectation, the events that came close, and a {@link Transcript} of the broker's
 * recent traffic.
 */
public final class BrokerAssert extends AbstractBrokerAssert<BrokerAssert> {

    /** How long an assertion waits unless configured or told otherwise, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;

    /** How long an assertion waits unless configured or told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    /**
     * @param broker the broker to assert on; its {@link BrokerHandle#assertionTimeout()} is how long assertions wait
     */
    public BrokerAssert(BrokerHandle broker) {
        this(broker, broker.assertionTimeout());
    }

    private BrokerAssert(BrokerHandle broker, Duration timeout) {
        super(broker, timeout, BrokerAssert.class);
    }

    /**
     * Sets how long the assertions that follow in this chain wait.
     *
     * @param timeout the longest wait; zero checks once without waiting
     * @return an assertion with that timeout
     */
    @CheckReturnValue
    public BrokerAssert within(Duration timeout) {
        return new BrokerAssert(actual, checkedTimeout(timeout)).describedAs(info.description());
    }

    /**
     * Starts an assertion on the messages the broker received from clients (and through
     * {@link BrokerHandle#publish}): narrow them down with {@code onTopic}, {@code withPayload}… then end with what
     * is expected of them, e.g. {@code messages(5)} or {@code nothingDuring(...)}. Nothing is checked before that
     * last call.
     *
     * @return the assertion on received messages
     */
    @CheckReturnValue
    public ReceivedMessagesAssert received() {
        return new ReceivedMessagesAssert(actual, timeout).describedAs(info.description());
    }

    /**
     * Verifies that the broker accepted a CONNECT from the client (now or earlier in the test).
     *
     * @param clientId the client identifier
     * @return this assertion
     */
    public BrokerAssert hasConnectedClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        requireEmbedded("the clients' connections");
        if (!awaitEvents(events -> !of(events, BrokerEvent.ClientConnected.class, clientId).isEmpty())) {
            List<String> connected = actual.recording().events(BrokerEvent.ClientConnected.class).stream()
                    .map(BrokerEvent::clientId).distinct().toList();
            throw failure(FailureMessage.expected("client " + clientId + " to connect " + withinTimeout())
                    .but("the broker accepted no CONNECT from it.")
                    .paragraph("Clients that did connect:", connected));
        }
        return myself;
    }

    /**
     * Verifies that the client's connection ended, for any reason; follow with {@link DisconnectAssert#cleanly()},
     * {@link DisconnectAssert#abruptly()} or {@link DisconnectAssert#withReason} to say how.
     *
     * @param clientId the client identifier
     * @return an assertion on how the client disconnected
     */
    public DisconnectAssert hasDisconnectedClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        requireEmbedded("the clients' connections");
        return new DisconnectAssert(actual, timeout, clientId).describedAs(info.description()).anyHow();
    }

    /**
     * Verifies that the broker holds a subscription of the client to exactly this topic filter.
     *
     * @param clientId the subscriber
     * @param filter   the topic filter as the client sent it, e.g. {@code raspberry/#}
     * @return this assertion
     */
    public BrokerAssert hasSubscription(String clientId, String filter) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(filter, "filter");
        requireEmbedded("the subscriptions");
        if (!awaitState(() -> actual.subscriptions().stream()
                .anyMatch(s -> s.clientId().equals(clientId) && s.filter().equals(filter)))) {
            List<String> held = actual.subscriptions().stream().map(BrokerAssert::describe).toList();
            throw failure(FailureMessage.expected("client " + clientId + " to hold a subscription to " + filter
                            + " " + withinTimeout())
                    .but(held.isEmpty() ? "the broker holds no subscription at all." : "it does not.")
                    .paragraph("Subscriptions the broker holds:", held));
        }
        return myself;
    }

    /**
     * Verifies that the broker holds a retained message on a topic; follow with {@code withPayload(...)} and the
     * like to check it.
     *
     * @param topic the topic name
     * @return an assertion on that retained message
     */
    public RetainedMessageAssert hasRetainedMessage(String topic) {
        requireEmbedded("the retained messages");
        return new RetainedMessageAssert(actual, timeout, topic).describedAs(info.description()).present();
    }

    /**
     * Verifies that the broker published the client's will (its connection ended abnormally); follow with
     * {@code onTopic(...)}, {@code withPayload(...)} and the like to check the will.
     *
     * @param clientId the client whose will
     * @return an assertion on that will
     */
    public WillAssert publishedWillOf(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        requireEmbedded("the wills the broker published");
        return new WillAssert(actual, timeout, clientId).describedAs(info.description()).published();
    }

    /**
     * Verifies that the broker refused a CONNECT of the client, with any code.
     *
     * @param clientId the client identifier the client sent
     * @return this assertion
     */
    public BrokerAssert hasRefusedConnection(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return expectRefusal(BrokerEvent.ConnectionRefused.class, clientId, refused -> true,
                "the broker to refuse a CONNECT of client " + clientId);
    }

    /**
     * Verifies that the broker refused a CONNECT of the client with this code in CONNACK (an MQTT 5 client got
     * {@link ConnectCode#reasonCode()}, an MQTT 3 client {@link ConnectCode#returnCode()}).
     *
     * @param clientId the client identifier the client sent
     * @param code     the expected code, e.g. {@link ConnectCode#BAD_USER_NAME_OR_PASSWORD}
     * @return this assertion
     */
    public BrokerAssert hasRefusedConnection(String clientId, ConnectCode code) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(code, "code");
        return expectRefusal(BrokerEvent.ConnectionRefused.class, clientId, refused -> refused.code() == code,
                "the broker to refuse a CONNECT of client " + clientId + " with " + code + " (MQTT 5 reason code 0x"
                        + Integer.toHexString(code.reasonCode()) + ")");
    }

    /**
     * Verifies that the broker refused a message the client published on this topic: not authorised, so neither
     * routed nor retained, and acknowledged to an MQTT 5 client with reason code 0x87.
     *
     * @param clientId the publisher
     * @param topic    the topic name of the message
     * @return this assertion
     */
    public BrokerAssert hasRefusedPublish(String clientId, String topic) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topic, "topic");
        return expectRefusal(BrokerEvent.PublishRefused.class, clientId,
                refused -> refused.message().topic().equals(topic),
                "the broker to refuse a message client " + clientId + " published on " + topic);
    }

    /**
     * Verifies that the broker refused the client a subscription to this filter, with a failure reason code in
     * SUBACK; the failure message says why in words (not authorised, denied by a rule, an invalid filter, no room).
     *
     * @param clientId the subscriber
     * @param filter   the topic filter as the client sent it
     * @return this assertion
     */
    public BrokerAssert hasRefusedSubscription(String clientId, String filter) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(filter, "filter");
        return expectRefusal(BrokerEvent.SubscriptionRefused.class, clientId,
                refused -> refused.filter().equals(filter),
                "the broker to refuse client " + clientId + " a subscription to " + filter);
    }

    private <E extends BrokerEvent> BrokerAssert expectRefusal(Class<E> type, String clientId, Predicate<E> wanted,
                                                               String expectation) {
        requireEmbedded("the refusals the broker recorded");
        if (!awaitEvents(events -> of(events, type, clientId).stream().anyMatch(wanted))) {
            List<E> refusals = of(actual.recording().events(), type, clientId);
            throw failure(FailureMessage.expected(expectation + " " + withinTimeout())
                    .but(refusals.isEmpty() ? "it refused nothing of that kind." : "it refused only these:")
                    .listing(refusals, actual));
        }
        return myself;
    }

    private static String describe(SubscriptionInfo subscription) {
        return subscription.clientId() + "  " + subscription.filter() + " qos=" + subscription.qos().value();
    }
}
