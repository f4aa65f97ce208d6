package dev.midge.serial.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits bytes into lines the way serial devices and {@code BufferedReader.readLine} agree on: a line
 * ends with {@code \n}, and one {@code \r} before it is dropped. Text is UTF-8.
 */
public final class Lines {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /**
     * Feeds bytes in arrival order and returns the lines they complete.
     *
     * @param data   the buffer
     * @param length how many bytes of it are valid
     * @return the completed lines, possibly none
     */
    public List<String> feed(byte[] data, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') {
                lines.add(text(partial.toByteArray(), 0, partial.size()));
                partial.reset();
            } else {
                partial.write(data[i]);
            }
        }
        return lines;
    }

    /**
     * Returns the complete lines in a byte array; bytes after the last {@code \n} are ignored.
     *
     * @param bytes the bytes
     * @return the lines
     */
    public static List<String> complete(byte[] bytes) {
        return new Lines().feed(bytes, bytes.length);
    }

    /**
     * Finds the end of the first line.
     *
     * @param bytes the bytes
     * @param from  where to start looking
     * @param to    where to stop looking, exclusive
     * @return the index of the {@code \n}, or -1
     */
    static int endOfLine(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes a line's bytes, dropping one trailing {@code \r}.
     *
     * @param bytes the buffer
     * @param from  first byte of the line
     * @param to    end of the line, exclusive, before the {@code \n}
     * @return the text
     */
    static String text(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }
}
