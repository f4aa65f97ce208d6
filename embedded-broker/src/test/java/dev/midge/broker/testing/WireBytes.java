package dev.midge.broker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes MQTT fields one by one, including the ones no encoder would write: strings of arbitrary bytes, repeated
 * or misplaced MQTT 5 properties, reserved bits.
 */
public final class WireBytes {

    /**
     * Byte sequences that are not well-formed UTF-8, in {@link #bytesOf(String)}'s notation, each with what is wrong
     * with it.
     */
    public static final List<String[]> NOT_WELL_FORMED_UTF8 = List.of(
            new String[]{"%FF", "the byte FF"},
            new String[]{"%FE", "the byte FE"},
            new String[]{"%C0%AF", "the overlong C0 AF"},
            new String[]{"%ED%A0%80", "the surrogate ED A0 80"},
            new String[]{"%F4%90%80%80", "a code point above U+10FFFF"});

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private WireBytes() {
    }

    /** @return an empty sequence */
    public static WireBytes create() {
        return new WireBytes();
    }

    /** @return this, with each value written as one byte */
    public WireBytes u8(int... values) {
        for (int value : values) {
            out.write(value);
        }
        return this;
    }

    /** @return this, with a Two Byte Integer */
    public WireBytes u16(int value) {
        MqttPackets.writeShort(out, value);
        return this;
    }

    /** @return this, with a Four Byte Integer */
    public WireBytes u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value & 0xFFFF);
    }

    /** @return this, with a Variable Byte Integer */
    public WireBytes variableInt(int value) {
        int rest = value;
        do {
            int digit = rest % 128;
            rest /= 128;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
        return this;
    }

    /** @return this, with a UTF-8 Encoded String */
    public WireBytes string(String text) {
        MqttPackets.writeString(out, text);
        return this;
    }

    /**
     * @param bytes the string's bytes, well-formed UTF-8 or not
     * @return this, with the bytes behind a two-byte length, as a UTF-8 Encoded String is written
     */
    public WireBytes rawString(byte[] bytes) {
        u16(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /** @return this, with the bytes as they are */
    public WireBytes bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** @return this, with an MQTT 5 properties block: its length, then the properties */
    public WireBytes properties(WireBytes properties) {
        byte[] bytes = properties.toByteArray();
        variableInt(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /** @return what has been written */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * @param firstByte the packet type and flags
     * @return a packet whose body is what has been written
     */
    public byte[] packet(int firstByte) {
        return MqttPackets.packet(firstByte, toByteArray());
    }

    /**
     * @param text text with {@code %XX} escapes for single bytes, e.g. {@code "u8/%FF"}
     * @return the bytes: the text's characters as UTF-8, each escape as the byte it names
     */
    public static byte[] bytesOf(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(text.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
