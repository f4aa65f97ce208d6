package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.junit.BrokerHandle;

import java.time.Duration;
import java.util.List;

/**
 * Assertions on the will the broker published for a client, from
 * {@link BrokerAssert#publishedWillOf(String) assertThat(broker).publishedWillOf("pi-1")}. Each check waits for a
 * will of that client meeting it and every check before it.
 */
public final class WillAssert extends AbstractMessageAssert<WillAssert> {

    private final String clientId;

    WillAssert(BrokerHandle broker, Duration timeout, String clientId) {
        super(broker, timeout, MessageCriteria.ANY, WillAssert.class);
        this.clientId = clientId;
    }

    /**
     * Verifies the will's topic.
     *
     * @param topic the expected topic name
     * @return this assertion
     */
    public WillAssert onTopic(String topic) {
        return expect(criteria.onTopic(topic));
    }

    /**
     * Verifies that the will was published with the retain flag.
     *
     * @return this assertion
     */
    public WillAssert retained() {
        return expect(criteria.retained(true));
    }

    WillAssert published() {
        return expect(criteria);
    }

    @Override
    boolean awaitMatch() {
        return awaitEvents(events -> wills(events).stream().anyMatch(will -> criteria.matches(will.message())));
    }

    @Override
    FailureMessage whyNot() {
        List<BrokerEvent> events = actual.recording().events();
        List<BrokerEvent.WillPublished> wills = wills(events);
        String will = "the broker to publish the will of client " + clientId
                + (criteria.isEmpty() ? "" : " " + criteria.describe());
        return FailureMessage.expected(will + " " + withinTimeout())
                .but(wills.isEmpty() ? "it published none."
                        : wills.size() == 1 ? "the one it published does not match:" : "none it published matches:")
                .listing(wills, actual, published -> criteria.mismatch(published.message()))
                .paragraph("How client " + clientId + " disconnected (a DISCONNECT packet discards the will):",
                        of(events, BrokerEvent.ClientDisconnected.class, clientId), actual, disconnected -> "");
    }

    private List<BrokerEvent.WillPublished> wills(List<BrokerEvent> events) {
        return of(events, BrokerEvent.WillPublished.class, clientId);
    }
}
