package dev.midge.broker.internal.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one record as {@link RecordCodec} writes them: big-endian numbers and length-prefixed strings in an
 * array that grows as needed. Unlike a {@code DataOutputStream} over a {@code ByteArrayOutputStream}, it takes no
 * lock per byte, which counts when every queued message of a persistent session is written.
 *
 * <p>Used by one thread at a time, for one record.
 */
final class RecordWriter {

    private byte[] bytes;
    private int length;

    RecordWriter(int capacity) {
        bytes = new byte[capacity];
    }

    RecordWriter writeByte(int value) {
        room(1);
        bytes[length++] = (byte) value;
        return this;
    }

    RecordWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    RecordWriter writeShort(int value) {
        room(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    RecordWriter writeInt(int value) {
        room(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    RecordWriter writeLong(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** The length, then the bytes. */
    RecordWriter writeBytes(byte[] value) {
        writeInt(value.length);
        room(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** The length of the UTF-8 encoding, then the encoding. */
    RecordWriter writeString(String text) {
        return writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A flag, then the string when it is not null. */
    RecordWriter writeNullable(String text) {
        writeBoolean(text != null);
        return text == null ? this : writeString(text);
    }

    /** @return the bytes written, in an array of their length */
    byte[] toByteArray() {
        return bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
