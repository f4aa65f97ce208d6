package dev.midge.junit.assertions;

import dev.midge.broker.Message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON equality that ignores formatting: whitespace, the order of object members and the spelling of equal
 * numbers ({@code 1} and {@code 1.0}) do not matter.
 */
final class JsonPayload {

    private final Object expected;

    private JsonPayload(Object expected) {
        this.expected = expected;
    }

    /**
     * @param json the expected JSON document
     * @return a matcher for payloads equal to it
     * @throws IllegalArgumentException when {@code json} is not JSON: a mistake in the test, not in the code tested
     */
    static JsonPayload equalTo(String json) {
        try {
            return new JsonPayload(JsonReader.read(json));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The expected payload is not valid JSON (" + e.getMessage() + "): "
                    + json, e);
        }
    }

    /**
     * @param message a received message
     * @return null when its payload is equal JSON, otherwise why not
     */
    String mismatch(Message message) {
        try {
            return Objects.equals(JsonReader.read(new String(message.payload(), StandardCharsets.UTF_8)), expected)
                    ? null : "different JSON";
        } catch (IllegalArgumentException e) {
            return "payload is not JSON (" + e.getMessage() + ")";
        }
    }
}
