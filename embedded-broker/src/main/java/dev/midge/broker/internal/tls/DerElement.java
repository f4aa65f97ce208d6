package dev.midge.broker.internal.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One DER value read from its encoding (ITU-T X.690): its tag, its bytes and, when it is constructed, the values it
 * holds. Enough to find the algorithm of a PKCS#8 key and the curve of a SEC1 key; lengths of more than four bytes
 * and indefinite lengths, which DER never uses for a key, are refused.
 */
final class DerElement {

    static final int OBJECT_IDENTIFIER = 0x06;
    private static final int CONSTRUCTED = 0x20;
    private static final int MAX_LENGTH_BYTES = 4;

    private final byte[] source;
    private final int tag;
    private final int start;
    private final int contentStart;
    private final int end;

    private DerElement(byte[] source, int tag, int start, int contentStart, int end) {
        this.source = source;
        this.tag = tag;
        this.start = start;
        this.contentStart = contentStart;
        this.end = end;
    }

    /**
     * @param der the encoding of one value, which may be followed by others
     * @return the first value
     * @throws IllegalArgumentException when the bytes are not a DER value
     */
    static DerElement read(byte[] der) {
        return read(der, 0, der.length);
    }

    private static DerElement read(byte[] der, int offset, int limit) {
        if (limit - offset < 2) {
            throw new IllegalArgumentException("truncated DER value");
        }
        int tag = der[offset] & 0xFF;
        int first = der[offset + 1] & 0xFF;
        int position = offset + 2;
        long length = first;
        if (first >= 0x80) {
            int lengthBytes = first & 0x7F;
            if (lengthBytes == 0 || lengthBytes > MAX_LENGTH_BYTES || limit - position < lengthBytes) {
                throw new IllegalArgumentException("unreadable DER length");
            }
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | (der[position++] & 0xFF);
            }
        }
        if (length > limit - position) {
            throw new IllegalArgumentException("truncated DER value");
        }
        return new DerElement(der, tag, offset, position, position + (int) length);
    }

    int tag() {
        return tag;
    }

    /** @return the values a constructed value holds, in order */
    List<DerElement> children() {
        if ((tag & CONSTRUCTED) == 0) {
            throw new IllegalArgumentException("a DER value of tag 0x" + Integer.toHexString(tag)
                    + " holds no values");
        }
        List<DerElement> children = new ArrayList<>();
        for (int position = contentStart; position < end; ) {
            DerElement child = read(source, position, end);
            children.add(child);
            position = child.end;
        }
        return children;
    }

    /** @return the value without its tag and length: for an OCTET STRING, the bytes it holds */
    byte[] content() {
        return Arrays.copyOfRange(source, contentStart, end);
    }

    /** @return the whole value, tag and length included */
    byte[] encoded() {
        return Arrays.copyOfRange(source, start, end);
    }
}
