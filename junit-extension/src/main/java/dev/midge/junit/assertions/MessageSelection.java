package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which received messages an assertion is about: where they were published (topic, publisher) and what they are
 * (payload, QoS, retain flag). The split lets a failure message show the messages published in the right place that
 * missed on content, with the reason: usually the quickest clue.
 *
 * @param where     topic criteria
 * @param publisher the publishing client, or null for any
 * @param what      content criteria
 */
record MessageSelection(MessageCriteria where, String publisher, MessageCriteria what) {

    /** Every received message. */
    static final MessageSelection ALL = new MessageSelection(MessageCriteria.ANY, null, MessageCriteria.ANY);

    MessageSelection where(UnaryOperator<MessageCriteria> narrowing) {
        return new MessageSelection(narrowing.apply(where), publisher, what);
    }

    MessageSelection from(String clientId) {
        return new MessageSelection(where, clientId, what);
    }

    MessageSelection what(UnaryOperator<MessageCriteria> narrowing) {
        return new MessageSelection(where, publisher, narrowing.apply(what));
    }

    /**
     * @return the selected messages among the events, oldest first
     */
    List<BrokerEvent.MessagePublished> in(List<BrokerEvent> events) {
        return publishedThere(events).filter(p -> what.matches(p.message())).toList();
    }

    /**
     * @return the messages published in the right place that missed on content, oldest first
     */
    List<BrokerEvent.MessagePublished> nearMissesIn(List<BrokerEvent> events) {
        return publishedThere(events).filter(p -> !what.matches(p.message())).toList();
    }

    /**
     * @return whether there are content criteria, hence possible near misses
     */
    boolean checksContent() {
        return !what.isEmpty();
    }

    /**
     * @return why the message misses the content criteria, or null
     */
    String mismatch(Message message) {
        return what.mismatch(message);
    }

    /**
     * @param quantity e.g. {@code exactly 5 messages}
     * @return e.g. {@code exactly 5 messages on topic a/b from pi-1 with QoS 1}
     */
    String describe(String quantity) {
        return join(quantity, where.describe(), byPublisher(), what.describe());
    }

    /**
     * @return a heading for the near misses, e.g. {@code Other messages on topic a/b from pi-1}
     */
    String describeNearMisses() {
        return join("Other messages", where.describe(), byPublisher());
    }

    private String byPublisher() {
        return publisher == null ? "" : "from " + publisher;
    }

    private Stream<BrokerEvent.MessagePublished> publishedThere(List<BrokerEvent> events) {
        return events.stream()
                .filter(BrokerEvent.MessagePublished.class::isInstance)
                .map(BrokerEvent.MessagePublished.class::cast)
                .filter(p -> where.matches(p.message()))
                .filter(p -> publisher == null || publisher.equals(p.clientId()));
    }

    private static String join(String... parts) {
        return Stream.of(parts).filter(part -> !part.isEmpty()).collect(Collectors.joining(" "));
    }
}
