package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The data representations every packet the broker writes is made of (MQTT 5 §1.5): Variable Byte Integers and UTF-8
 * strings or binary data behind their two-byte length.
 *
 * <p>Used on the broker's event-loop thread.
 */
final class WireEncoding {

    private WireEncoding() {
    }

    /** @return the bytes a Variable Byte Integer of that value takes (MQTT 5 §1.5.5) */
    static int variableByteIntegerLength(int value) {
        int bytes = 1;
        while (value >= 128) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }

    static void writeVariableByteInteger(ByteBuf out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    /** @return the bytes of the string in UTF-8 with its length field */
    static int stringLength(String value) {
        return 2 + ByteBufUtil.utf8Bytes(value);
    }

    static void writeString(ByteBuf out, String value) {
        int bytes = ByteBufUtil.utf8Bytes(value);
        out.writeShort(bytes);
        ByteBufUtil.reserveAndWriteUtf8(out, value, bytes);
    }

    static void writeBinary(ByteBuf out, byte[] value) {
        out.writeShort(value.length);
        out.writeBytes(value);
    }
}
