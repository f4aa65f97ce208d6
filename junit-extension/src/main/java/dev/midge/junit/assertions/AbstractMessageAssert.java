package dev.midge.junit.assertions;

import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;

import java.time.Duration;

/**
 * Checks on one message the broker holds or published (a retained message, a will). Each check adds to the ones
 * before it and waits, up to the chain's timeout, for a message that meets them all.
 *
 * @param <SELF> the concrete assertion type
 */
public abstract class AbstractMessageAssert<SELF extends AbstractMessageAssert<SELF>>
        extends AbstractBrokerAssert<SELF> {

    MessageCriteria criteria;

    AbstractMessageAssert(BrokerHandle broker, Duration timeout, MessageCriteria criteria, Class<?> selfType) {
        super(broker, timeout, selfType);
        this.criteria = criteria;
    }

    /**
     * Verifies that the payload is this text, encoded as UTF-8.
     *
     * @param text the expected payload
     * @return this assertion
     */
    public SELF withPayload(String text) {
        return expect(criteria.withPayload(text));
    }

    /**
     * Verifies that the payload is these bytes.
     *
     * @param bytes the expected payload
     * @return this assertion
     */
    public SELF withPayload(byte[] bytes) {
        return expect(criteria.withPayload(bytes));
    }

    /**
     * Verifies that the payload is JSON equal to this document, whatever the whitespace, the order of object
     * members or the spelling of numbers ({@code 1} or {@code 1.0}). A payload that is not JSON fails, saying so.
     *
     * @param json the expected JSON
     * @return this assertion
     * @throws IllegalArgumentException when {@code json} itself is not JSON
     */
    public SELF withJsonPayload(String json) {
        return expect(criteria.withJsonPayload(json));
    }

    /**
     * Verifies the message's QoS.
     *
     * @param qos the expected quality of service
     * @return this assertion
     */
    public SELF withQos(QoS qos) {
        return expect(criteria.withQos(qos));
    }

    /**
     * Waits until a message meets these criteria, or fails.
     *
     * @param wanted the criteria so far plus the new one
     * @return this assertion, now holding {@code wanted}
     */
    SELF expect(MessageCriteria wanted) {
        criteria = wanted;
        if (!awaitMatch()) {
            throw failure(whyNot());
        }
        return myself;
    }

    /**
     * @return whether a message met {@link #criteria} before the timeout
     */
    abstract boolean awaitMatch();

    /**
     * @return the failure message when no message met {@link #criteria}
     */
    abstract FailureMessage whyNot();
}
