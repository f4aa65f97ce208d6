package dev.midge.broker;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An application message as the broker sees it: a topic, a payload, a QoS, a retain flag and the MQTT 5 properties.
 *
 * <p>The payload array is shared, not copied, as the message travels through the broker: treat it as read-only.
 *
 * @param topic      the topic name, never containing wildcards
 * @param payload    the payload bytes; empty, never null
 * @param qos        the quality of service
 * @param retain     the retain flag
 * @param properties the MQTT 5 properties; {@link MessageProperties#NONE} when there are none
 */
public record Message(String topic, byte[] payload, QoS qos, boolean retain, MessageProperties properties) {

    private static final byte[] EMPTY = new byte[0];

    /**
     * Checks the fields and replaces a null payload or properties by their empty values.
     *
     * @param topic      the topic name
     * @param payload    the payload bytes; null for an empty payload
     * @param qos        the quality of service
     * @param retain     the retain flag
     * @param properties the MQTT 5 properties; null for none
     */
    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        payload = payload == null ? EMPTY : payload;
        properties = properties == null ? MessageProperties.NONE : properties;
    }

    /**
     * @param topic   the topic name
     * @param payload the payload, encoded as UTF-8
     * @return a QoS 0, non-retained message without properties
     */
    public static Message of(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), QoS.AT_MOST_ONCE, false,
                MessageProperties.NONE);
    }

    /**
     * @return the payload decoded as UTF-8
     */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * @param newQos the QoS to set
     * @return a copy of this message with that QoS
     */
    public Message withQos(QoS newQos) {
        return newQos == qos ? this : new Message(topic, payload, newQos, retain, properties);
    }

    /**
     * @param newRetain the retain flag to set
     * @return a copy of this message with that retain flag
     */
    public Message withRetain(boolean newRetain) {
        return newRetain == retain ? this : new Message(topic, payload, qos, newRetain, properties);
    }

    /**
     * @param newProperties the properties to set
     * @return a copy of this message with those properties
     */
    public Message withProperties(MessageProperties newProperties) {
        return new Message(topic, payload, qos, retain, newProperties);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", qos=" + qos.value() + ", retain=" + retain + ", payload="
                + Payloads.abbreviate(payload, 64) + "]";
    }
}
