package dev.midge.junit.assertions;

import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;

import java.time.Duration;
import java.util.Objects;

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
     * Verifies that the message carries this MQTT 5 user property, among any others.
     *
     * @param name  the user property's name
     * @param value its value
     * @return this assertion
     */
    public SELF withUserProperty(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return expect(criteria.withUserProperty(name, value));
    }

    /**
     * Verifies the message's MQTT 5 content type.
     *
     * @param contentType the expected content type, e.g. {@code application/json}
     * @return this assertion
     */
    public SELF withContentType(String contentType) {
        return expect(criteria.withContentType(contentType));
    }

    /**
     * Verifies the message's MQTT 5 response topic.
     *
     * @param topic the expected response topic
     * @return this assertion
     */
    public SELF withResponseTopic(String topic) {
        return expect(criteria.withResponseTopic(topic));
    }

    /**
     * Verifies the message's MQTT 5 correlation data, byte for byte.
     *
     * @param data the expected correlation data
     * @return this assertion
     */
    public SELF withCorrelationData(byte[] data) {
        return expect(criteria.withCorrelationData(data));
    }

    /**
     * Verifies the message's MQTT 5 payload format indicator.
     *
     * @param indicator 1 for a payload declared UTF-8 text, 0 for one declared bytes
     * @return this assertion
     * @throws IllegalArgumentException for any other value
     */
    public SELF withPayloadFormatIndicator(int indicator) {
        return expect(criteria.withPayloadFormatIndicator(indicator));
    }

    /**
     * Verifies the message's MQTT 5 message expiry interval as the publisher set it.
     *
     * @param seconds the expected interval in seconds
     * @return this assertion
     * @throws IllegalArgumentException when the interval is negative or above 4294967295
     */
    public SELF withMessageExpiryInterval(long seconds) {
        return expect(criteria.withMessageExpiryInterval(seconds));
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
