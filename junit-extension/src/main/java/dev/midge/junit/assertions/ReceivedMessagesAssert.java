package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.junit.BrokerHandle;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
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
 * assertThat(broker).received().onTopic("t").withUserProperty("unit", "C").withContentType("application/json").once();
 * }</pre>
 *
 * <p>The methods that narrow down the messages ({@code onTopic}, {@code withPayload}…, the MQTT 5
 * properties {@code withUserProperty}…, and {@code within}) check
 * nothing and return a new assertion; only the last call ({@code messages}, {@code once}, {@code atLeast},
 * {@code atLeastOnce}, {@code payloadsInOrder}, {@code nothingDuring}) checks, waiting up to the timeout. Every
 * message recorded since the test started counts, including those received before the call.
 */
public final class ReceivedMessagesAssert extends MessageNarrowingAssert {

    ReceivedMessagesAssert(BrokerHandle broker, Duration timeout) {
        this(broker, timeout, MessageSelection.ALL);
    }

    private ReceivedMessagesAssert(BrokerHandle broker, Duration timeout, MessageSelection selection) {
        super(broker, timeout, selection);
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
     * between or after. Fails as soon as a payload differs, without waiting for the rest, naming the first
     * position that differs (or the first missing or extra payload), then listing both sequences position by
     * position (1000 positions at most); a long expected sequence is cut short in the
     * first line of the failure message.
     *
     * @param payloads the payloads, oldest first
     * @return an assertion on the messages, oldest first
     */
    public ListAssert<Message> payloadsInOrder(String... payloads) {
        if (payloads.length == 0) {
            throw new IllegalArgumentException("Give at least one payload; for none, use nothingDuring(...)");
        }
        PayloadSequence expected = new PayloadSequence(
                Stream.of(payloads).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
        awaitEvents(events -> expected.settled(payloads(selection.in(events))));
        List<BrokerEvent.MessagePublished> found = selection.in(actual.recording().events());
        List<byte[]> received = payloads(found);
        if (!expected.matches(received)) {
            String expectation = selection.describe("the payloads " + expected.headline()
                    + " in this order and no others") + " " + withinTimeout();
            throw failure(withNearMisses(FailureMessage.expected(expectation)
                    .but(expected.describeDifference(received) + " (" + found.size() + " arrived).")
                    .paragraph("Payloads by position, expected | received:", expected.table(received))));
        }
        return Assertions.assertThat(messages(found)).describedAs(info.description());
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
        return withNearMisses(message.but(found.isEmpty() ? "none arrived." : found.size() + " arrived:")
                .listing(found, actual));
    }

    private FailureMessage withNearMisses(FailureMessage message) {
        if (!selection.checksContent()) {
            return message;
        }
        return message.paragraph(selection.describeNearMisses() + ":",
                selection.nearMissesIn(actual.recording().events()), actual,
                published -> selection.mismatch(published.message()));
    }

    @Override
    ReceivedMessagesAssert copy(Duration newTimeout, MessageSelection newSelection) {
        return new ReceivedMessagesAssert(actual, newTimeout, newSelection).describedAs(info.description());
    }

    private static List<Message> messages(List<BrokerEvent.MessagePublished> published) {
        return published.stream().map(BrokerEvent.MessagePublished::message).toList();
    }

    private static List<byte[]> payloads(List<BrokerEvent.MessagePublished> published) {
        return published.stream().map(p -> p.message().payload()).toList();
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The count must be at least 1, not " + count
                    + "; to check that nothing arrives, use nothingDuring(...)");
        }
    }
}
