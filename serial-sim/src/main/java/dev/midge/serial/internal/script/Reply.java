package dev.midge.serial.internal.script;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code reply REQUEST => REPLY} or {@code reply /REGEX/ => REPLY} line of a device script: a responder for lines
 * the app writes.
 *
 * @param line    the line of the script it was written on
 * @param request the exact request, or null when {@code pattern} is given
 * @param pattern the regular expression the whole request must match, or null
 * @param reply   the reply; with a pattern, {@code $1}… stand for its groups
 */
public record Reply(int line, String request, Pattern pattern, String reply) {

    /**
     * @return a responder in the form {@code SimulatedDevice.respondWith} takes
     */
    public Function<String, String> responder() {
        if (pattern == null) {
            return received -> received.equals(request) ? reply : null;
        }
        return received -> {
            Matcher matcher = pattern.matcher(received);
            if (!matcher.matches()) {
                return null;
            }
            StringBuilder answer = new StringBuilder();
            matcher.appendReplacement(answer, reply);
            return answer.toString();
        };
    }
}
