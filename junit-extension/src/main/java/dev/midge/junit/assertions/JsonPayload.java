package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;

import java.nio.charset.StandardCharsets;

/**
 * JSON equality that ignores formatting: whitespace, the order of object members and the spelling of equal
 * numbers ({@code 1} and {@code 1.0}) do not matter.
 */
final class JsonPayload {

    private final JsonArray expected;

    private JsonPayload(JsonArray expected) {
        this.expected = expected;
    }

    /**
     * @param json the expected JSON document
     * @return a matcher for payloads equal to it
     * @throws IllegalArgumentException when {@code json} is not JSON: a mistake in the test, not in the code tested
     */
    static JsonPayload equalTo(String json) {
        try {
            return new JsonPayload(decode(json));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("The expected payload is not valid JSON (" + firstLine(e) + "): "
                    + json, e);
        }
    }

    /**
     * @param message a received message
     * @return null when its payload is equal JSON, otherwise why not
     */
    String mismatch(Message message) {
        try {
            return decode(new String(message.payload(), StandardCharsets.UTF_8)).equals(expected)
                    ? null : "different JSON";
        } catch (DecodeException e) {
            return "payload is not JSON (" + firstLine(e) + ")";
        }
    }

    /**
     * Wraps the decoded value in an array because Vert.x compares numbers by value only inside JSON containers:
     * a bare {@code 1} would otherwise differ from {@code 1.0}.
     */
    private static JsonArray decode(String json) {
        return new JsonArray().add(Json.decodeValue(json));
    }

    /**
     * Keeps what went wrong and drops Jackson's list of what it expected and its location, which only add noise.
     */
    private static String firstLine(DecodeException e) {
        String message = String.valueOf(e.getMessage());
        for (String noise : new String[] {"\n", ": was expecting"}) {
            int end = message.indexOf(noise);
            message = end < 0 ? message : message.substring(0, end);
        }
        return message;
    }
}
