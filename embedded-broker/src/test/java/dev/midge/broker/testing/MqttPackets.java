package dev.midge.broker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes MQTT 3.1.1 packets byte by byte, so tests can send exactly what a well-behaved or a broken client would.
 * CONNECT has its own builder, {@link ConnectPacket}.
 */
public final class MqttPackets {

    private MqttPackets() {
    }

    /**
     * @param packetId the packet identifier
     * @param filter   the topic filter
     * @param qos      the requested QoS
     * @return a SUBSCRIBE for one filter
     */
    public static byte[] subscribe(int packetId, String filter, int qos) {
        return subscribe(packetId, new String[]{filter}, new int[]{qos});
    }

    /**
     * @param packetId the packet identifier
     * @param filters  the topic filters
     * @param qos      the requested QoS of each filter
     * @return a SUBSCRIBE for several filters
     */
    public static byte[] subscribe(int packetId, String[] filters, int[] qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, packetId);
        for (int i = 0; i < filters.length; i++) {
            writeString(body, filters[i]);
            body.write(qos[i]);
        }
        return packet(0x82, body.toByteArray());
    }

    /**
     * @return an UNSUBSCRIBE for one filter
     */
    public static byte[] unsubscribe(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, packetId);
        writeString(body, filter);
        return packet(0xA2, body.toByteArray());
    }

    /**
     * @return a QoS 0 PUBLISH without retain
     */
    public static byte[] publish(String topic, String payload) {
        return publish(topic, payload, 0, 0, false, false);
    }

    /**
     * @param topic    the topic name (not checked, so tests can send invalid ones)
     * @param payload  the payload, sent as UTF-8
     * @param qos      0, 1 or 2
     * @param packetId the packet identifier, ignored for QoS 0
     * @param dup      the DUP flag
     * @param retain   the retain flag
     * @return the PUBLISH
     */
    public static byte[] publish(String topic, String payload, int qos, int packetId, boolean dup, boolean retain) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        if (qos > 0) {
            writeShort(body, packetId);
        }
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        int first = 0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
        return packet(first, body.toByteArray());
    }

    /**
     * @param topic    the topic name
     * @param payload  the payload bytes
     * @param qos      0, 1 or 2
     * @param packetId the packet identifier, ignored for QoS 0
     * @return a PUBLISH without DUP and retain
     */
    public static byte[] publish(String topic, byte[] payload, int qos, int packetId) {
        return publish(topic, payload, qos, packetId, false);
    }

    /**
     * @param topic    the topic name
     * @param payload  the payload bytes
     * @param qos      0, 1 or 2
     * @param packetId the packet identifier, ignored for QoS 0
     * @param retain   the retain flag
     * @return a PUBLISH without DUP
     */
    public static byte[] publish(String topic, byte[] payload, int qos, int packetId, boolean retain) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 4);
        writeString(body, topic);
        if (qos > 0) {
            writeShort(body, packetId);
        }
        body.writeBytes(payload);
        return packet(0x30 | (qos << 1) | (retain ? 0x01 : 0), body.toByteArray());
    }

    /** @return a PUBACK */
    public static byte[] puback(int packetId) {
        return acknowledgement(0x40, packetId);
    }

    /** @return a PUBREC */
    public static byte[] pubrec(int packetId) {
        return acknowledgement(0x50, packetId);
    }

    /** @return a PUBREL (its fixed-header flags must be 0010) */
    public static byte[] pubrel(int packetId) {
        return acknowledgement(0x62, packetId);
    }

    /** @return a PUBCOMP */
    public static byte[] pubcomp(int packetId) {
        return acknowledgement(0x70, packetId);
    }

    /** @return a PINGREQ */
    public static byte[] pingreq() {
        return new byte[]{(byte) 0xC0, 0};
    }

    /** @return a DISCONNECT */
    public static byte[] disconnect() {
        return new byte[]{(byte) 0xE0, 0};
    }

    /**
     * @param parts packets to send in one write
     * @return their bytes, one after the other
     */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] acknowledgement(int first, int packetId) {
        return new byte[]{(byte) first, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    /**
     * @param firstByte the packet type and flags
     * @param body      the variable header and payload
     * @return the packet with its fixed header, remaining length encoded as MQTT's variable-length integer
     */
    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeShort(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
