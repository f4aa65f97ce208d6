package dev.midge.broker;

import java.util.List;

/**
 * The MQTT 5 properties of an application message, forwarded untouched from publisher to subscribers.
 * Clients of MQTT 3.1 and 3.1.1 neither send nor receive them.
 *
 * @param payloadFormatIndicator 1 when the payload is declared UTF-8 text, 0 when declared bytes, {@code null} when absent
 * @param messageExpiryInterval  seconds the message stays deliverable, {@code null} when it never expires
 * @param contentType            a MIME-style description of the payload, or {@code null}
 * @param responseTopic          the topic a responder should answer on, or {@code null}
 * @param correlationData        opaque data a responder echoes back, or {@code null}
 * @param userProperties         user properties in the order they were sent; never null
 */
public record MessageProperties(
        Integer payloadFormatIndicator,
        Long messageExpiryInterval,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties) {

    /** No properties at all: what every MQTT 3.x message carries. */
    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, null, List.of());

    /**
     * Copies the user property list so the record stays immutable.
     *
     * @param payloadFormatIndicator 1 for UTF-8 text, 0 for bytes, {@code null} when absent
     * @param messageExpiryInterval  seconds the message stays deliverable, {@code null} when it never expires
     * @param contentType            a MIME-style description of the payload, or {@code null}
     * @param responseTopic          the topic a responder should answer on, or {@code null}
     * @param correlationData        opaque data a responder echoes back, or {@code null}
     * @param userProperties         user properties in the order they were sent; null for none
     */
    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /**
     * @param seconds the message expiry interval to set
     * @return a copy of these properties with that expiry interval
     */
    public MessageProperties withMessageExpiryInterval(Long seconds) {
        return new MessageProperties(payloadFormatIndicator, seconds, contentType, responseTopic, correlationData,
                userProperties);
    }

    /**
     * @return true when no property is set
     */
    public boolean isEmpty() {
        return payloadFormatIndicator == null && messageExpiryInterval == null && contentType == null
                && responseTopic == null && correlationData == null && userProperties.isEmpty();
    }
}
