package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one packet's bytes without consuming them, refusing a field that runs past the end and a
 * string that is not well-formed UTF-8 or holds U+0000. A lenient decoder would have read such a string,
 * folding every bad sequence into U+FFFD.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class WireReader {

    /** A decoder keeps state while it decodes: each thread has its own, which the connections it runs share. */
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    /**
     * Stops at the first byte that is not ASCII or is U+0000: topics are mostly plain ASCII, which needs no decoder,
     * and only such a byte can make a string malformed or forbidden.
     */
    private static final ByteProcessor PLAIN_ASCII = value -> value > 0;

    private final int protocolVersion;
    private ByteBuf bytes;
    private int index;
    private int end;

    WireReader(int protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    /** Starts reading a packet body: the bytes of {@code buffer} from {@code start} to {@code end}. */
    WireReader reset(ByteBuf buffer, int start, int end) {
        bytes = buffer;
        index = start;
        this.end = end;
        return this;
    }

    int protocolVersion() {
        return protocolVersion;
    }

    boolean hasMore() {
        return index < end;
    }

    int position() {
        return index;
    }

    int end() {
        return end;
    }

    /** Narrows or restores the end, for a properties block inside the packet. */
    void end(int newEnd) {
        end = newEnd;
    }

    int readByte() {
        need(1);
        return bytes.getUnsignedByte(index++);
    }

    int readShort() {
        need(2);
        int value = bytes.getUnsignedShort(index);
        index += 2;
        return value;
    }

    long readInt() {
        need(4);
        long value = bytes.getUnsignedInt(index);
        index += 4;
        return value;
    }

    /**
     * @param packet the kind of packet, for the message
     * @return a packet identifier, which is never 0 (MQTT-2.3.1-1 in 3.1.1, MQTT-2.2.1-3 in 5.0)
     */
    int readPacketId(String packet) {
        int id = readShort();
        if (id == 0) {
            throw malformed("packet identifier 0 in " + packet + " [" + (protocolVersion >= 5 ? "MQTT-2.2.1-3"
                    : "MQTT-2.3.1-1") + "]");
        }
        return id;
    }

    /**
     * @return a Variable Byte Integer, which must use as few bytes as its value needs (MQTT-1.5.5-1)
     */
    int readVariableInt() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = readByte();
            if (i > 0 && digit == 0) {
                throw malformed("a Variable Byte Integer longer than needed [MQTT-1.5.5-1]");
            }
            value |= (digit & 0x7F) << (7 * i);
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("a Variable Byte Integer longer than four bytes");
    }

    byte[] readBinary() {
        int length = readShort();
        need(length);
        byte[] data = new byte[length];
        bytes.getBytes(index, data);
        index += length;
        return data;
    }

    /** @return the bytes from the current position to the end, sharing the packet's memory and holding it */
    ByteBuf retainRest() {
        ByteBuf rest = bytes.retainedSlice(index, end - index);
        index = end;
        return rest;
    }

    /**
     * @param field what the string is, for the message
     * @return the string, well-formed UTF-8 without U+0000 (MQTT-1.5.3-1/2 in 3.1.1, MQTT-1.5.4-1/2 in 5.0)
     */
    String readString(String field) {
        int length = readShort();
        need(length);
        if (bytes.forEachByte(index, length, PLAIN_ASCII) < 0) {
            String ascii = bytes.toString(index, length, StandardCharsets.US_ASCII);
            index += length;
            return ascii;
        }
        CharBuffer chars;
        try {
            chars = UTF8.get().decode(bytes.nioBuffer(index, length));
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not well-formed UTF-8 [" + statement(1) + "]");
        }
        index += length;
        for (int i = 0; i < chars.length(); i++) {
            if (chars.charAt(i) == 0) {
                throw malformed(field + " contains U+0000 [" + statement(2) + "]");
            }
        }
        return chars.toString();
    }

    private String statement(int number) {
        return (protocolVersion >= 5 ? "MQTT-1.5.4-" : "MQTT-1.5.3-") + number;
    }

    private void need(int count) {
        if (end - index < count) {
            throw malformed("a field runs past the end of its packet");
        }
    }

    InvalidPacketException malformed(String why) {
        return fail(ReasonCode.MALFORMED_PACKET, why);
    }

    InvalidPacketException protocolError(String why) {
        return fail(ReasonCode.PROTOCOL_ERROR, why);
    }

    InvalidPacketException fail(ReasonCode reasonCode, String why) {
        return new InvalidPacketException(reasonCode, protocolVersion, why);
    }
}
