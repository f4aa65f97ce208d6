package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.Payloads;
import dev.midge.broker.QoS;
import dev.midge.broker.Topics;
import dev.midge.broker.UserProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
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

    MessageCriteria withUserProperty(String name, String value) {
        UserProperty wanted = new UserProperty(name, value);
        return and("with user property " + name + "=" + value, m -> {
            List<UserProperty> sent = m.properties().userProperties();
            if (sent.contains(wanted)) {
                return null;
            }
            List<String> sameName = sent.stream().filter(p -> p.name().equals(name)).map(UserProperty::value)
                    .toList();
            if (!sameName.isEmpty()) {
                return "user property " + name + " is " + String.join(", ", sameName);
            }
            return sent.isEmpty() ? "no user properties" : "no user property " + name + " (has "
                    + sent.stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(", ")) + ")";
        });
    }

    MessageCriteria withContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        return property("content type", contentType, MessageProperties::contentType, Objects::equals, String::valueOf);
    }

    MessageCriteria withResponseTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        return property("response topic", topic, MessageProperties::responseTopic, Objects::equals, String::valueOf);
    }

    MessageCriteria withCorrelationData(byte[] data) {
        byte[] expected = Objects.requireNonNull(data, "data").clone();
        return property("correlation data", expected, MessageProperties::correlationData, Arrays::equals,
                bytes -> Payloads.abbreviate(bytes, PAYLOAD_CHARS));
    }

    MessageCriteria withPayloadFormatIndicator(int indicator) {
        if (indicator != 0 && indicator != 1) {
            throw new IllegalArgumentException("A payload format indicator is 0 (bytes) or 1 (UTF-8 text), not "
                    + indicator);
        }
        return property("payload format indicator", indicator, MessageProperties::payloadFormatIndicator,
                Objects::equals, String::valueOf);
    }

    MessageCriteria withMessageExpiryInterval(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("A message expiry interval is 0 to 4294967295 seconds, not " + seconds);
        }
        return property("message expiry interval", seconds, MessageProperties::messageExpiryInterval,
                Objects::equals, s -> s + "s");
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

    private <T> MessageCriteria property(String name, T expected, Function<MessageProperties, T> read,
                                         BiPredicate<T, T> equal, Function<T, String> render) {
        return and("with " + name + " " + render.apply(expected), m -> {
            T sent = read.apply(m.properties());
            if (sent == null) {
                return "no " + name;
            }
            return equal.test(sent, expected) ? null : name + " is " + render.apply(sent);
        });
    }

    private static void rejectInvalid(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
