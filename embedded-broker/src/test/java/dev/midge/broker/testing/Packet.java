package dev.midge.broker.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One MQTT 3.1.1 packet as a raw client read it off the wire, with accessors for the fields tests look at.
 *
 * @param type  the packet type (1 CONNECT … 14 DISCONNECT)
 * @param flags the low four bits of the first byte
 * @param body  everything after the fixed header
 */
public record Packet(int type, int flags, byte[] body) {

    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;

    private static final String[] NAMES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    /**
     * @return the packet type's name, e.g. {@code SUBACK}
     */
    public String typeName() {
        return NAMES[type];
    }

    /** @return the CONNACK return code */
    public int connackCode() {
        requireType(CONNACK);
        return body[1] & 0xFF;
    }

    /** @return the CONNACK session-present flag */
    public boolean sessionPresent() {
        requireType(CONNACK);
        return (body[0] & 0x01) != 0;
    }

    /** @return the PUBLISH QoS */
    public int qos() {
        requireType(PUBLISH);
        return (flags >> 1) & 0x03;
    }

    /** @return the PUBLISH DUP flag */
    public boolean dup() {
        requireType(PUBLISH);
        return (flags & 0x08) != 0;
    }

    /** @return the PUBLISH retain flag */
    public boolean retain() {
        requireType(PUBLISH);
        return (flags & 0x01) != 0;
    }

    /** @return the PUBLISH topic name */
    public String topic() {
        requireType(PUBLISH);
        return new String(body, 2, topicLength(), StandardCharsets.UTF_8);
    }

    /** @return the PUBLISH payload as UTF-8 text */
    public String payloadAsString() {
        requireType(PUBLISH);
        int start = 2 + topicLength() + (qos() > 0 ? 2 : 0);
        return new String(body, start, body.length - start, StandardCharsets.UTF_8);
    }

    /**
     * @return the packet identifier of a QoS 1/2 PUBLISH, an acknowledgement, SUBACK or UNSUBACK
     */
    public int packetId() {
        if (type == PUBLISH) {
            if (qos() == 0) {
                throw new IllegalStateException("A QoS 0 PUBLISH has no packet identifier");
            }
            int at = 2 + topicLength();
            return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
        }
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** @return the return codes of a SUBACK, one per requested filter */
    public List<Integer> subackCodes() {
        requireType(SUBACK);
        List<Integer> codes = new ArrayList<>();
        for (int i = 2; i < body.length; i++) {
            codes.add(body[i] & 0xFF);
        }
        return codes;
    }

    private int topicLength() {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    private void requireType(int expected) {
        if (type != expected) {
            throw new AssertionError("Expected a " + NAMES[expected] + " packet but got " + this);
        }
    }

    @Override
    public String toString() {
        if (type == PUBLISH) {
            return "PUBLISH[topic=" + topic() + ", qos=" + qos() + ", dup=" + dup() + ", retain=" + retain()
                    + (qos() > 0 ? ", id=" + packetId() : "") + ", payload=" + payloadAsString() + "]";
        }
        return typeName() + "[flags=" + flags + ", " + body.length + " bytes]";
    }
}
