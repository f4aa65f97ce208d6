package dev.midge.samples.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes read from a serial port into text lines. A line may arrive in several reads, and one read may hold
 * several lines; both {@code \n} and {@code \r\n} end a line and are not part of it.
 */
final class LineSplitter {

    /** A device that never sends a line ending must not make the bridge hold an ever-growing line. */
    static final int MAX_LINE_BYTES = 4096;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /**
     * @param bytes  what was read
     * @param length how many of them
     * @return the lines completed by these bytes, in order; a line longer than {@value #MAX_LINE_BYTES} bytes is
     *         cut into pieces of that size
     */
    List<String> feed(byte[] bytes, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lines.add(take(true));
            } else {
                pending.write(b);
                if (pending.size() == MAX_LINE_BYTES) {
                    lines.add(take(false));
                }
            }
        }
        return lines;
    }

    private String take(boolean ended) {
        byte[] line = pending.toByteArray();
        pending.reset();
        int end = ended && line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        // Decoding whole lines, never single reads, keeps a character split across two reads intact.
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }
}
