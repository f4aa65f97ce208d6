package dev.midge.junit.assertions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a JSON document (RFC 8259) into values that compare by content: objects become maps (member order does not
 * count), arrays lists, numbers {@link BigDecimal}s without trailing zeros (so {@code 1} equals {@code 1.0}),
 * strings, booleans and {@code null}.
 *
 * <p>Hand-written rather than borrowed from a JSON library because midge-junit sits on its users' test class paths,
 * where any Jackson or Gson version of ours would meet theirs.
 */
final class JsonReader {

    /** Deeper documents are refused instead of exhausting the stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int position;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @param text a JSON document
     * @return its value, compared by content
     * @throws IllegalArgumentException when the text is not one JSON value, saying where and why
     */
    static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("Unexpected content after the JSON value");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("Unexpected end of input");
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return nested(this::object);
            case '[':
                return nested(this::array);
            case '"':
                return string();
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number() : word();
        }
    }

    private Object nested(Supplier<Object> reader) {
        if (++depth > MAX_DEPTH) {
            throw error("Nested deeper than " + MAX_DEPTH + " levels");
        }
        Object value = reader.get();
        depth--;
        return value;
    }

    private Object object() {
        Map<String, Object> members = new HashMap<>();
        position++;
        skipWhitespace();
        if (take('}')) {
            return members;
        }
        do {
            skipWhitespace();
            if (position >= text.length() || text.charAt(position) != '"') {
                throw error("Expected a member name in double quotes");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            members.put(name, value());
            skipWhitespace();
        } while (take(','));
        expect('}');
        return members;
    }

    private Object array() {
        List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (take(']')) {
            return elements;
        }
        do {
            elements.add(value());
            skipWhitespace();
        } while (take(','));
        expect(']');
        return elements;
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("Unescaped control character in a string");
            }
            out.append(c == '\\' ? escaped() : c);
        }
        throw error("Unterminated string");
    }

    private char escaped() {
        if (position >= text.length()) {
            throw error("Unterminated string");
        }
        char c = text.charAt(position++);
        switch (c) {
            case '"': case '\\': case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (position + 4 > text.length()) {
                    throw error("Incomplete \\u escape");
                }
                try {
                    char decoded = (char) Integer.parseInt(text.substring(position, position + 4), 16);
                    position += 4;
                    return decoded;
                } catch (NumberFormatException e) {
                    throw error("Invalid \\u escape");
                }
            default:
                throw error("Invalid escape \\" + c);
        }
    }

    private BigDecimal number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String literal = text.substring(start, position);
        if (!literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            position = start;
            throw error("Invalid number '" + literal + "'");
        }
        return new BigDecimal(literal).stripTrailingZeros();
    }

    private Object word() {
        int start = position;
        while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                position = start;
                throw error(word.isEmpty() ? "Unexpected character '" + text.charAt(start) + "'"
                        : "Unrecognized token '" + word + "'");
        }
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private boolean take(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (!take(expected)) {
            throw error(position >= text.length() ? "Unexpected end of input, expected '" + expected + "'"
                    : "Expected '" + expected + "' but found '" + text.charAt(position) + "'");
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at character " + (position + 1));
    }
}
