package dev.midge.junit.assertions;

import dev.midge.broker.Payloads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An expected sequence of payloads compared position by position with the payloads that arrived, for failure
 * messages that name the first difference in a short headline and still show both sequences whole underneath.
 */
final class PayloadSequence {

    /** How many rows the table of positions shows at most, so a flood of messages cannot swamp the report. */
    static final int SHOWN_ROWS = 1000;

    private static final int HEADLINE_CHARS = 100;
    private static final int PAYLOAD_CHARS = 40;
    private static final String NONE = "(none)";

    private final List<byte[]> expected;

    PayloadSequence(List<byte[]> expected) {
        this.expected = List.copyOf(expected);
    }

    /**
     * @param received the payloads that arrived, oldest first
     * @return whether they are exactly the expected ones, in order
     */
    boolean matches(List<byte[]> received) {
        return received.size() == expected.size() && firstDifference(received) < 0;
    }

    /**
     * @param received the payloads that arrived so far
     * @return whether waiting longer cannot change the outcome: enough arrived, or one already differs
     */
    boolean settled(List<byte[]> received) {
        return received.size() >= expected.size() || firstDifference(received) >= 0;
    }

    /**
     * @return the expected payloads for a one-line headline: the first few and how many in all when they are many,
     *         e.g. {@code "0", "1", "2", … (200 payloads)}
     */
    String headline() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < expected.size(); i++) {
            String next = Payloads.abbreviate(expected.get(i), PAYLOAD_CHARS);
            if (i > 0 && text.length() + next.length() > HEADLINE_CHARS) {
                return text.append(", … (").append(FailureMessage.count(expected.size(), "payload")).append(')')
                        .toString();
            }
            text.append(i == 0 ? "" : ", ").append(next);
        }
        return text.toString();
    }

    /**
     * @param received the payloads that arrived, not {@link #matches matching}
     * @return where they first differ from the expected ones, e.g. {@code at index 1 "2" arrived where "1" was
     *         expected}, {@code at index 3 "3" is missing} or {@code at index 5 an unexpected extra "5" arrived}
     */
    String describeDifference(List<byte[]> received) {
        int index = firstDifference(received);
        if (index < 0) {
            index = Math.min(received.size(), expected.size());
        }
        if (index >= received.size()) {
            return "at index " + index + " " + render(expected.get(index)) + " is missing";
        }
        if (index >= expected.size()) {
            return "at index " + index + " an unexpected extra " + render(received.get(index)) + " arrived";
        }
        byte[] wanted = expected.get(index);
        byte[] got = received.get(index);
        String where = render(got).equals(render(wanted))
                ? " (they differ from byte " + Arrays.mismatch(got, wanted) + " on)" : "";
        return "at index " + index + " " + render(got) + " arrived where " + render(wanted) + " was expected" + where;
    }

    /**
     * @param received the payloads that arrived
     * @return one line per position, expected beside received, differing positions marked with {@code ≠}; at most
     *         {@value #SHOWN_ROWS} lines and one saying how many more there are
     */
    List<String> table(List<byte[]> received) {
        int rows = Math.max(expected.size(), received.size());
        int shown = Math.min(rows, SHOWN_ROWS);
        int indexWidth = String.valueOf(rows - 1).length();
        int expectedWidth = NONE.length();
        for (int i = 0; i < Math.min(shown, expected.size()); i++) {
            expectedWidth = Math.max(expectedWidth, render(expected.get(i)).length());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            String wanted = i < expected.size() ? render(expected.get(i)) : NONE;
            String got = i < received.size() ? render(received.get(i)) : NONE;
            boolean same = i < expected.size() && i < received.size()
                    && Arrays.equals(expected.get(i), received.get(i));
            lines.add((same ? "  " : "≠ ") + pad(String.valueOf(i), indexWidth, true) + "  "
                    + pad(wanted, expectedWidth, false) + "  |  " + got);
        }
        if (rows > shown) {
            lines.add("… " + (rows - shown) + " more positions not shown");
        }
        return lines;
    }

    private int firstDifference(List<byte[]> received) {
        int common = Math.min(received.size(), expected.size());
        for (int i = 0; i < common; i++) {
            if (!Arrays.equals(received.get(i), expected.get(i))) {
                return i;
            }
        }
        return received.size() > expected.size() ? expected.size() : -1;
    }

    private static String render(byte[] payload) {
        return Payloads.abbreviate(payload, PAYLOAD_CHARS);
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(Math.max(0, width - text.length()));
        return right ? padding + text : text + padding;
    }
}
