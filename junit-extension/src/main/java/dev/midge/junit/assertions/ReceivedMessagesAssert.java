package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.Payloads;
import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assertions on the messages the broker received, from {@link BrokerAssert#received()
 * assertThat(broker).received()}:
 *
 * <pre>{@code
 * assertThat(broker).received().onTopic("raspberry/topic").from("pi-1").withQos(QoS.AT_LEAST_ONCE).messages(5);
 * assertThat(broker).received().matching("sensors/+/temp").withJsonPayload("{\"c\": 21.5}").atLeastOnce();
 * assertThat(broker).received().onTopic("raspberry/topic").payloadsInOrder("0", "1", "2", "3", "4");
 * assertThat(broker).received().onTopic("alarms").nothingDuring(Duration.ofMillis(500));
 * }</pre>
 *
 * <p>The methods that narrow down the messages ({@code onTopic}, {@code withPayload}…, and {@code within}) check
 * nothing and return a new assertion; only the last call ({@code messages}, {@code once}, {@code atLeast},
 * {@code atLeastOnce}, {@code payloadsInOrder}, {@code nothingDuring}) checks, waiting up to the timeout. Every
 * message recorded since the test started counts, including those received before the call.
 */
public final class ReceivedMessagesAssert extends AbstractBrokerAssert<ReceivedMessagesAssert> {

    private final MessageSelection selection;

    ReceivedMessagesAssert(BrokerHandle broker, Duration timeout) {
        this(broker, timeout, MessageSelection.ALL);
    }

    private ReceivedMessagesAssert(BrokerHandle broker, Duration timeout, MessageSelection selection) {
        super(broker, timeout, ReceivedMessagesAssert.class);
        this.selection = selection;
    }

    /**
     * @param timeout how long the final check waits
     * @return an assertion with that timeout
     */
    @CheckReturnValue
    public ReceivedMessagesAssert within(Duration timeout) {
        return copy(checkedTimeout(timeout), selection);
    }

    /**
     * @param topic the topic name the messages must have
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert onTopic(String topic) {
        return copy(timeout, selection.where(c -> c.onTopic(topic)));
    }

    /**
     * @param filter a topic filter the messages' topics must match, e.g. {@code sensors/+/temp}
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert matching(String filter) {
        return copy(timeout, selection.where(c -> c.matching(filter)));
    }

    /**
     * Keeps the messages a client published. An external broker does not say who published a message, so there
     * this fails at once.
     *
     * @param clientId the publisher's client identifier
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert from(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (actual.isExternal()) {
            throw failure("%s", "Cannot tell which messages client " + clientId + " published: the publisher is"
                    + " unknown in external mode (the tests run against the " + actual + ", which does not tell"
                    + " subscribers who published). Leave out from(\"" + clientId + "\"), or run without an external"
                    + " broker.");
        }
        return copy(timeout, selection.from(clientId));
    }

    /**
     * @param text the payload the messages must have, encoded as UTF-8
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withPayload(String text) {
        return copy(timeout, selection.what(c -> c.withPayload(text)));
    }

    /**
     * @param bytes the payload the messages must have
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withPayload(byte[] bytes) {
        return copy(timeout, selection.what(c -> c.withPayload(bytes)));
    }

    /**
     * Keeps the messages whose payload is JSON equal to this document, whatever the whitespace, the order of
     * object members or the spelling of numbers. The failure message says which payloads are not JSON at all.
     *
     * @param json the JSON the payloads must equal
     * @return an assertion on those messages only
     * @throws IllegalArgumentException when {@code json} itself is not JSON
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withJsonPayload(String json) {
        return copy(timeout, selection.what(c -> c.withJsonPayload(json)));
    }

    /**
     * @param qos the QoS the messages must have been published with
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withQos(QoS qos) {
        return copy(timeout, selection.what(c -> c.withQos(qos)));
    }

    /**
     * @return an assertion on the messages published with the retain flag only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert retained() {
        return copy(timeout, selection.what(c -> c.retained(true)));
    }

    /**
     * @return an assertion on the messages published without the retain flag only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert notRetained() {
        return copy(timeout, selection.what(c -> c.retained(false)));
    }

    /**
     * Verifies that exactly this many messages arrive: waits until they have, then fails if there are more.
     *
     * @param count how many, at least 1 (for none, see {@link #nothingDuring(Duration)})
     * @return an assertion on the messages, oldest first
     */
    public ListAssert<Message> messages(int count) {
        requirePositive(count);
        return expect("exactly " + FailureMessage.count(count, "message"), found -> found.size() >= count,
                found -> found.size() == count);
    }

    /**
     * Verifies that exactly one message arrives.
     *
     * @return an assertion on that message, in a list
     */
    public ListAssert<Message> once() {
        return messages(1);
    }

    /**
     * Verifies that at least this many messages arrive.
     *
     * @param count how many, at least 1
     * @return an assertion on the messages found, oldest first
     */
    public ListAssert<Message> atLeast(int count) {
        requirePositive(count);
        return expect("at least " + FailureMessage.count(count, "message"), found -> found.size() >= count,
                found -> found.size() >= count);
    }

    /**
     * Verifies that a message arrives.
     *
     * @return an assertion on the messages found, oldest first
     */
    public ListAssert<Message> atLeastOnce() {
        return atLeast(1);
    }

    /**
     * Verifies that the messages' payloads (UTF-8) are exactly these, in this order, with no other message in
     * between or after. Fails as soon as a payload differs, without waiting for the rest.
     *
     * @param payloads the payloads, oldest first
     * @return an assertion on the messages, oldest first
     */
    public ListAssert<Message> payloadsInOrder(String... payloads) {
        if (payloads.length == 0) {
            throw new IllegalArgumentException("Give at least one payload; for none, use nothingDuring(...)");
        }
        List<byte[]> expected = Stream.of(payloads).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        String listed = expected.stream().map(p -> Payloads.abbreviate(p, 40)).collect(Collectors.joining(", "));
        return expect("the payloads " + listed + " in this order and no others",
                found -> found.size() >= expected.size() || !startsLike(found, expected),
                found -> found.size() == expected.size() && startsLike(found, expected));
    }

    /**
     * Verifies that no message arrives for a while: watches the whole period and fails as soon as one does.
     * Messages received before the call count too.
     *
     * @param period how long to watch
     */
    public void nothingDuring(Duration period) {
        checkedTimeout(period);
        if (actual.recording().awaitUntil(events -> !selection.in(events).isEmpty(), period)) {
            List<BrokerEvent.MessagePublished> found = selection.in(actual.recording().events());
            throw failure(withEvidence(FailureMessage.expected(selection.describe("no message") + " during "
                    + FailureMessage.duration(period)), found));
        }
    }

    private ListAssert<Message> expect(String quantity, Predicate<List<Message>> settled,
                                       Predicate<List<Message>> holds) {
        awaitEvents(events -> settled.test(messages(selection.in(events))));
        List<BrokerEvent.MessagePublished> found = selection.in(actual.recording().events());
        if (!holds.test(messages(found))) {
            String expectation = selection.describe(quantity) + " " + withinTimeout();
            throw failure(withEvidence(FailureMessage.expected(expectation), found));
        }
        return Assertions.assertThat(messages(found)).describedAs(info.description());
    }

    private FailureMessage withEvidence(FailureMessage message, List<BrokerEvent.MessagePublished> found) {
        message.but(found.isEmpty() ? "none arrived." : found.size() + " arrived:").listing(found, actual);
        if (!selection.checksContent()) {
            return message;
        }
        return message.paragraph(selection.describeNearMisses() + ":",
                selection.nearMissesIn(actual.recording().events()), actual,
                published -> selection.mismatch(published.message()));
    }

    private ReceivedMessagesAssert copy(Duration newTimeout, MessageSelection newSelection) {
        return new ReceivedMessagesAssert(actual, newTimeout, newSelection).describedAs(info.description());
    }

    private static List<Message> messages(List<BrokerEvent.MessagePublished> published) {
        return published.stream().map(BrokerEvent.MessagePublished::message).toList();
    }

    private static boolean startsLike(List<Message> found, List<byte[]> expected) {
        for (int i = 0; i < Math.min(found.size(), expected.size()); i++) {
            if (!Arrays.equals(found.get(i).payload(), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The count must be at least 1, not " + count
                    + "; to check that nothing arrives, use nothingDuring(...)");
        }
    }
}
