package dev.midge.broker;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Renders payloads for humans: log lines, event descriptions and assertion failure messages.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * Renders a payload as quoted text when it is printable UTF-8, otherwise as hexadecimal bytes, cut to a length.
     *
     * @param payload  the bytes to render
     * @param maxChars how many characters (text) or bytes (hex) to show before cutting with an ellipsis
     * @return e.g. {@code "21.5"} (quotes included), {@code 0x01 ff 7e} or {@code "aaaa…" (300 bytes)}
     */
    public static String abbreviate(byte[] payload, int maxChars) {
        String text = printableText(payload);
        if (text != null) {
            if (text.length() <= maxChars) {
                return '"' + text + '"';
            }
            return '"' + text.substring(0, maxChars) + "…\" (" + payload.length + " bytes)";
        }
        StringBuilder hex = new StringBuilder("0x");
        int shown = Math.min(payload.length, maxChars);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(Character.forDigit((payload[i] >> 4) & 0xF, 16)).append(Character.forDigit(payload[i] & 0xF, 16));
        }
        if (shown < payload.length) {
            hex.append(" … (").append(payload.length).append(" bytes)");
        }
        return hex.toString();
    }

    private static String printableText(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
