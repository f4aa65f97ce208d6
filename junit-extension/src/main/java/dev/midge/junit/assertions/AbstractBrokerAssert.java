package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.junit.BrokerHandle;
import org.assertj.core.api.AbstractAssert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What every broker assertion shares: the broker, how long to wait, waiting on its recording and failing with a
 * {@link FailureMessage}.
 *
 * @param <SELF> the concrete assertion type
 */
abstract class AbstractBrokerAssert<SELF extends AbstractBrokerAssert<SELF>>
        extends AbstractAssert<SELF, BrokerHandle> {

    final Duration timeout;

    AbstractBrokerAssert(BrokerHandle broker, Duration timeout, Class<?> selfType) {
        super(Objects.requireNonNull(broker, "broker"), selfType);
        this.timeout = timeout;
    }

    /**
     * Waits, without polling the events needlessly, until the recorded events satisfy a condition.
     *
     * @return whether they did before the timeout
     */
    boolean awaitEvents(Predicate<List<BrokerEvent>> condition) {
        return actual.recording().awaitUntil(condition, timeout);
    }

    /**
     * Waits until a condition on the broker's state (not its events) holds; it is re-checked on every event and at
     * least every 50 ms.
     *
     * @return whether it held before the timeout
     */
    boolean awaitState(BooleanSupplier condition) {
        return actual.recording().awaitUntil(events -> condition.getAsBoolean(), timeout);
    }

    /**
     * @return e.g. {@code within 5s}
     */
    String withinTimeout() {
        return "within " + FailureMessage.duration(timeout);
    }

    /**
     * @return the error to throw, with this assertion's description (if any) and the broker's transcript
     */
    AssertionError failure(FailureMessage message) {
        return failure("%s", message.render(actual));
    }

    /**
     * Fails at once in external mode, where the broker's own journal and state are out of reach.
     *
     * @param what what the assertion needs, e.g. {@code the subscriptions of clients}
     */
    void requireEmbedded(String what) {
        if (actual.isExternal()) {
            throw failure("%s", "This assertion needs " + what + ", which only the embedded broker records, but the"
                    + " tests run against the " + actual + ". Assert on received messages only, or run without an"
                    + " external broker.");
        }
    }

    static Duration checkedTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("A timeout cannot be negative: " + timeout);
        }
        return timeout;
    }

    /**
     * @return the events of one kind that concern one client, oldest first
     */
    static <E extends BrokerEvent> List<E> of(List<BrokerEvent> events, Class<E> type, String clientId) {
        return events.stream().filter(type::isInstance).map(type::cast)
                .filter(event -> clientId.equals(event.clientId())).toList();
    }
}
