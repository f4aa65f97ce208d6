package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import dev.midge.broker.Payloads;
import dev.midge.broker.QoS;
import dev.midge.broker.Topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a message must be like to count, criterion by criterion, each described in words for the failure message
 * and able to say why a message misses it. Immutable: adding a criterion returns new criteria.
 */
final class MessageCriteria {

    /** No criterion: every message counts. */
    static final MessageCriteria ANY = new MessageCriteria(List.of());

    private static final int PAYLOAD_CHARS = 60;

    private record Criterion(String description, Function<Message, String> mismatch) {
    }

    private final List<Criterion> criteria;

    private MessageCriteria(List<Criterion> criteria) {
        this.criteria = criteria;
    }

    MessageCriteria onTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        rejectInvalid(Topics.checkTopicName(topic));
        return and("on topic " + topic, m -> m.topic().equals(topic) ? null : "topic is " + m.topic());
    }

    MessageCriteria matching(String filter) {
        Objects.requireNonNull(filter, "filter");
        rejectInvalid(Topics.checkFilter(filter));
        return and("on a topic matching " + filter, m -> Topics.matches(filter, m.topic()) ? null
                : "topic " + m.topic() + " does not match");
    }

    MessageCriteria withPayload(String text) {
        Objects.requireNonNull(text, "text");
        return withPayload(text.getBytes(StandardCharsets.UTF_8));
    }

    MessageCriteria withPayload(byte[] bytes) {
        byte[] expected = Objects.requireNonNull(bytes, "bytes").clone();
        return and("with payload " + Payloads.abbreviate(expected, PAYLOAD_CHARS),
                m -> Arrays.equals(m.payload(), expected) ? null : "different payload");
    }

    MessageCriteria withJsonPayload(String json) {
        Objects.requireNonNull(json, "json");
        JsonPayload expected = JsonPayload.equalTo(json);
        return and("with JSON payload " + Payloads.abbreviate(json.getBytes(StandardCharsets.UTF_8), PAYLOAD_CHARS),
                expected::mismatch);
    }

    MessageCriteria withQos(QoS qos) {
        Objects.requireNonNull(qos, "qos");
        return and("with QoS " + qos.value(), m -> m.qos() == qos ? null : "QoS is " + m.qos().value());
    }

    MessageCriteria retained(boolean retained) {
        return and(retained ? "with the retain flag" : "without the retain flag",
                m -> m.retain() == retained ? null : retained ? "retain flag not set" : "retain flag set");
    }

    /**
     * @param message a message
     * @return whether it meets every criterion
     */
    boolean matches(Message message) {
        return mismatch(message) == null;
    }

    /**
     * @param message a message
     * @return null when it meets every criterion, otherwise why it misses the first one it misses
     */
    String mismatch(Message message) {
        for (Criterion criterion : criteria) {
            String mismatch = criterion.mismatch().apply(message);
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    /**
     * @return the criteria in words, in the order they were given, e.g. {@code on topic a/b with QoS 1}; empty for
     *         none
     */
    String describe() {
        return criteria.stream().map(Criterion::description).collect(Collectors.joining(" "));
    }

    /**
     * @return whether there is no criterion
     */
    boolean isEmpty() {
        return criteria.isEmpty();
    }

    private MessageCriteria and(String description, Function<Message, String> mismatch) {
        List<Criterion> more = new ArrayList<>(criteria);
        more.add(new Criterion(description, mismatch));
        return new MessageCriteria(List.copyOf(more));
    }

    private static void rejectInvalid(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
