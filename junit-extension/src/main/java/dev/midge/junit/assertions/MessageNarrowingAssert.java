package dev.midge.junit.assertions;

import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import org.assertj.core.annotation.CheckReturnValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The calls of {@link ReceivedMessagesAssert} that narrow down the received messages, by place, content and MQTT 5
 * properties. Each checks nothing and returns a new assertion.
 */
abstract class MessageNarrowingAssert extends AbstractBrokerAssert<ReceivedMessagesAssert> {

    final MessageSelection selection;

    MessageNarrowingAssert(BrokerHandle broker, Duration timeout, MessageSelection selection) {
        super(broker, timeout, ReceivedMessagesAssert.class);
        this.selection = selection;
    }

    /**
     * @return an assertion on this broker with that timeout and selection, and this one's description
     */
    abstract ReceivedMessagesAssert copy(Duration newTimeout, MessageSelection newSelection);

    /**
     * @param timeout how long the final check waits
     * @return an assertion with that timeout
     */
    @CheckReturnValue
    public ReceivedMessagesAssert within(Duration timeout) {
        return copy(checkedTimeout(timeout), selection);
    }

    /**
     * @param topic the topic name the messages must have
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert onTopic(String topic) {
        return copy(timeout, selection.where(c -> c.onTopic(topic)));
    }

    /**
     * @param filter a topic filter the messages' topics must match, e.g. {@code sensors/+/temp}
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert matching(String filter) {
        return copy(timeout, selection.where(c -> c.matching(filter)));
    }

    /**
     * @param text the payload the messages must have, encoded as UTF-8
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withPayload(String text) {
        return copy(timeout, selection.what(c -> c.withPayload(text)));
    }

    /**
     * @param bytes the payload the messages must have
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withPayload(byte[] bytes) {
        return copy(timeout, selection.what(c -> c.withPayload(bytes)));
    }

    /**
     * Keeps the messages whose payload is JSON equal to this document, whatever the whitespace, the order of
     * object members or the spelling of numbers. The failure message says which payloads are not JSON at all.
     *
     * @param json the JSON the payloads must equal
     * @return an assertion on those messages only
     * @throws IllegalArgumentException when {@code json} itself is not JSON
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withJsonPayload(String json) {
        return copy(timeout, selection.what(c -> c.withJsonPayload(json)));
    }

    /**
     * @param qos the QoS the messages must have been published with
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withQos(QoS qos) {
        return copy(timeout, selection.what(c -> c.withQos(qos)));
    }

    /**
     * @return an assertion on the messages published with the retain flag only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert retained() {
        return copy(timeout, selection.what(c -> c.retained(true)));
    }

    /**
     * @return an assertion on the messages published without the retain flag only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert notRetained() {
        return copy(timeout, selection.what(c -> c.retained(false)));
    }

    /**
     * Keeps the MQTT 5 messages carrying this user property, among any others (names may repeat, so a message
     * with {@code unit=C} and {@code unit=F} has both).
     *
     * @param name  the user property's name
     * @param value its value
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withUserProperty(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return copy(timeout, selection.what(c -> c.withUserProperty(name, value)));
    }

    /**
     * @param contentType the MQTT 5 content type the messages must carry, e.g. {@code application/json}
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withContentType(String contentType) {
        return copy(timeout, selection.what(c -> c.withContentType(contentType)));
    }

    /**
     * @param topic the MQTT 5 response topic the messages must carry (request/response)
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withResponseTopic(String topic) {
        return copy(timeout, selection.what(c -> c.withResponseTopic(topic)));
    }

    /**
     * @param data the MQTT 5 correlation data the messages must carry, byte for byte
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withCorrelationData(byte[] data) {
        return copy(timeout, selection.what(c -> c.withCorrelationData(data)));
    }

    /**
     * @param data the MQTT 5 correlation data the messages must carry, encoded as UTF-8
     * @return an assertion on those messages only
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withCorrelationData(String data) {
        Objects.requireNonNull(data, "data");
        return withCorrelationData(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps the MQTT 5 messages whose publisher sent this payload format indicator; a message without one counts
     * as neither. An external broker's messages reach the recording client with 1 or none: 0 is not told apart
     * from absent there.
     *
     * @param indicator 1 for a payload declared UTF-8 text, 0 for one declared bytes
     * @return an assertion on those messages only
     * @throws IllegalArgumentException for any other value
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withPayloadFormatIndicator(int indicator) {
        return copy(timeout, selection.what(c -> c.withPayloadFormatIndicator(indicator)));
    }

    /**
     * Keeps the MQTT 5 messages whose publisher set this message expiry interval, as it arrived at the broker
     * (what subscribers receive is lowered by the time the message waited).
     *
     * @param seconds the message expiry interval in seconds
     * @return an assertion on those messages only
     * @throws IllegalArgumentException when the interval is negative or above 4294967295
     */
    @CheckReturnValue
    public ReceivedMessagesAssert withMessageExpiryInterval(long seconds) {
        return copy(timeout, selection.what(c -> c.withMessageExpiryInterval(seconds)));
    }
}
