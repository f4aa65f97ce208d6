package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.junit.BrokerHandle;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The failure message of every broker assertion, so that they all read alike: the expectation and what happened
 * instead on the first line, then the evidence (the events that matched, the near misses), then the transcript.
 */
final class FailureMessage {

    private static final int SHOWN_EVIDENCE = 20;

    private final StringBuilder text;

    private FailureMessage(String expectation) {
        this.text = new StringBuilder("Expected ").append(expectation);
    }

    /**
     * @param expectation what was expected, in words, e.g. {@code exactly 5 messages on topic a/b within 5s}
     * @return a message starting with that expectation
     */
    static FailureMessage expected(String expectation) {
        return new FailureMessage(expectation);
    }

    /**
     * @param outcome what happened instead, ending the first line, e.g. {@code 3 arrived:}
     * @return this message
     */
    FailureMessage but(String outcome) {
        text.append(", but ").append(outcome);
        return this;
    }

    /**
     * Lists events right under the first line (nothing when there are none); only the last ones when there are
     * many.
     *
     * @param events the events
     * @param broker the broker they come from
     * @return this message
     */
    FailureMessage listing(List<? extends BrokerEvent> events, BrokerHandle broker) {
        return listing(events, broker, event -> "");
    }

    /**
     * Lists events right under the first line, each with a note (why it did not count, say).
     *
     * @param events the events
     * @param broker the broker they come from
     * @param note   the note after each event
     * @param <E>    the kind of event
     * @return this message
     */
    <E extends BrokerEvent> FailureMessage listing(List<E> events, BrokerHandle broker, Function<E, String> note) {
        int hidden = Math.max(0, events.size() - SHOWN_EVIDENCE);
        if (hidden > 0) {
            text.append("\n  … ").append(hidden).append(" earlier not shown");
        }
        text.append(Transcript.lines(events.subList(hidden, events.size()), broker.isExternal(), note));
        return this;
    }

    /**
     * Adds a paragraph of evidence that is not events, e.g. the retained messages the broker holds.
     *
     * @param heading what the lines are
     * @param lines   the lines; the paragraph is left out when there are none
     * @return this message
     */
    FailureMessage paragraph(String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            text.append("\n\n").append(heading);
            lines.forEach(line -> text.append("\n  ").append(line));
        }
        return this;
    }

    /**
     * Adds a paragraph listing events with a note each, left out when there are none.
     *
     * @param heading what the events are
     * @param events  the events
     * @param broker  the broker they come from
     * @param note    the note after each event
     * @param <E>     the kind of event
     * @return this message
     */
    <E extends BrokerEvent> FailureMessage paragraph(String heading, List<E> events, BrokerHandle broker,
                                                     Function<E, String> note) {
        if (!events.isEmpty()) {
            text.append("\n\n").append(heading);
            listing(events, broker, note);
        }
        return this;
    }

    /**
     * @param broker the broker whose traffic ends the message
     * @return the whole message, transcript included
     */
    String render(BrokerHandle broker) {
        return text + "\n\n" + Transcript.of(broker);
    }

    /**
     * @param duration a timeout or period
     * @return it in few characters: {@code 5s}, {@code 200ms}, {@code 1.5s}
     */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000 && millis > 0) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /**
     * @param count    how many
     * @param singular the noun, e.g. {@code message}
     * @return e.g. {@code 1 message}, {@code 3 messages}
     */
    static String count(int count, String singular) {
        return count + " " + singular + (count == 1 ? "" : "s");
    }
}
