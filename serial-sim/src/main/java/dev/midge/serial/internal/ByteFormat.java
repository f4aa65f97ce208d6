package dev.midge.serial.internal;

/** Shows bytes to a human: as escaped text and as hex, so control characters and binary data are visible. */
public final class ByteFormat {

    /** Beyond this many bytes only the tail is shown; the head is summarised. */
    static final int SHOWN_BYTES = 512;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ByteFormat() {
    }

    /**
     * Escapes bytes like a Java string literal, without the quotes: printable ASCII as is, {@code \r \n \t \0 \" \\},
     * and every other byte as {@code \xNN}.
     *
     * @param bytes the bytes
     * @return the escaped text
     */
    public static String escaped(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int value = b & 0xFF;
            switch (value) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case 0 -> text.append("\\0");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (value >= 0x20 && value < 0x7F) {
                        text.append((char) value);
                    } else {
                        text.append("\\x").append(HEX[value >> 4]).append(HEX[value & 0xF]);
                    }
                }
            }
        }
        return text.toString();
    }

    /**
     * Writes bytes as space-separated hex pairs.
     *
     * @param bytes the bytes
     * @return e.g. {@code "4F 4E 0D 0A"}
     */
    public static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return text.toString();
    }

    /**
     * Describes bytes on indented lines: the count, the escaped text and the hex. Long inputs show their last
     * {@value #SHOWN_BYTES} bytes.
     *
     * @param bytes the bytes
     * @return e.g. {@code "2 bytes\n  text: \"A\\n\"\n  hex:  41 0A"}, or {@code "nothing"}
     */
    public static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing";
        }
        byte[] shown = bytes;
        String omitted = "";
        if (bytes.length > SHOWN_BYTES) {
            shown = java.util.Arrays.copyOfRange(bytes, bytes.length - SHOWN_BYTES, bytes.length);
            omitted = " (the first " + (bytes.length - SHOWN_BYTES) + " not shown)";
        }
        return bytes.length + (bytes.length == 1 ? " byte" : " bytes") + omitted
                + "\n  text: \"" + escaped(shown) + "\""
                + "\n  hex:  " + hex(shown);
    }
}
