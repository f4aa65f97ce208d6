package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import dev.midge.junit.BrokerHandle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Assertions on the message the broker retains for a topic, from
 * {@link BrokerAssert#hasRetainedMessage(String) assertThat(broker).hasRetainedMessage("raspberry/status")}. The
 * retained message may still change (a newer one replaces it), so each check waits for it to match.
 */
public final class RetainedMessageAssert extends AbstractMessageAssert<RetainedMessageAssert> {

    private static final int SHOWN_RETAINED = 20;

    private final String topic;

    RetainedMessageAssert(BrokerHandle broker, Duration timeout, String topic) {
        super(broker, timeout, MessageCriteria.ANY.onTopic(topic), RetainedMessageAssert.class);
        this.topic = topic;
    }

    RetainedMessageAssert present() {
        return expect(criteria);
    }

    @Override
    boolean awaitMatch() {
        return awaitState(() -> retained().filter(criteria::matches).isPresent());
    }

    @Override
    FailureMessage whyNot() {
        Optional<Message> retained = retained();
        FailureMessage message = FailureMessage.expected("a retained message " + criteria.describe() + " "
                + withinTimeout());
        if (retained.isPresent()) {
            return message.but("the one retained does not match (" + criteria.mismatch(retained.get()) + "):\n  "
                    + Transcript.message(retained.get()));
        }
        List<String> others = actual.retainedMessages().stream().limit(SHOWN_RETAINED).map(Transcript::message)
                .toList();
        return message.but(others.isEmpty() ? "the broker retains no message at all." : "there is none on that topic.")
                .paragraph("Retained messages on other topics (" + SHOWN_RETAINED + " at most):", others);
    }

    private Optional<Message> retained() {
        return actual.retainedMessages().stream().filter(m -> m.topic().equals(topic)).findFirst();
    }
}
