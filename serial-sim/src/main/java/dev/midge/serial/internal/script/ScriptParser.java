package dev.midge.serial.internal.script;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the text of a device script into its steps and replies. Every mistake is an {@link IllegalArgumentException}
 * naming the script, the line and what to write instead, so a wrong script fails before it plays.
 */
public final class ScriptParser {

    private static final Duration DEFAULT_EXPECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Pattern WITHIN = Pattern.compile("(.*?)\\s+within\\s+(\\S+)");
    private static final String ARROW = "=>";

    /** The parsed script. */
    public record Parsed(List<Step> steps, List<Reply> replies) {
    }

    private final String name;
    private final Deque<List<Step>> open = new ArrayDeque<>();
    private final Deque<Integer> openLines = new ArrayDeque<>();
    private final List<Reply> replies = new ArrayList<>();

    private ScriptParser(String name) {
        this.name = name;
    }

    /**
     * @param name what to call the script in messages, e.g. its file name
     * @param text the script
     * @return its steps and replies
     * @throws IllegalArgumentException naming the line and what to write instead
     */
    public static Parsed parse(String name, String text) {
        return new ScriptParser(name).read(text);
    }

    private Parsed read(String text) {
        List<Step> top = new ArrayList<>();
        open.push(top);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                command(i + 1, line);
            }
        }
        if (open.size() > 1) {
            throw error(openLines.peek(), "repeat without end: add a line 'end' after the lines to repeat");
        }
        return new Parsed(List.copyOf(top), List.copyOf(replies));
    }

    private void command(int line, String text) {
        String[] words = text.split("\\s+", 2);
        String rest = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "send" -> add(new Step.SendLine(line, need(line, rest, "send TEXT")));
            case "send-bytes" -> add(new Step.SendBytes(line, hex(line, need(line, rest, "send-bytes 02 41 03"))));
            case "wait" -> add(new Step.Pause(line, duration(line, need(line, rest, "wait 500ms"))));
            case "at" -> {
                if (open.size() > 1) {
                    throw error(line, "'at' counts from the start of the script, which a repeat would pass only "
                            + "once: use 'wait' inside repeat");
                }
                add(new Step.At(line, duration(line, need(line, rest, "at 1.5s"))));
            }
            case "expect" -> expect(line, need(line, rest, "expect LINE [within 2s]"));
            case "reply" -> reply(line, need(line, rest, "reply REQUEST => REPLY"));
            case "repeat" -> {
                int times = rest.isEmpty() ? 0 : count(line, rest);
                List<Step> body = new ArrayList<>();
                add(new Step.Repeat(line, times, body));
                open.push(body);
                openLines.push(line);
            }
            case "end" -> {
                if (open.size() == 1) {
                    throw error(line, "end without repeat: remove it, or add 'repeat N' before the lines to repeat");
                }
                if (open.peek().isEmpty()) {
                    throw error(line, "nothing to repeat: put the lines to repeat between 'repeat' and 'end'");
                }
                open.pop();
                openLines.pop();
            }
            default -> throw error(line, "unknown command '" + words[0] + "': write send, send-bytes, wait, at, "
                    + "expect, reply, repeat or end");
        }
    }

    private void add(Step step) {
        open.peek().add(step);
    }

    private void expect(int line, String rest) {
        Matcher within = WITHIN.matcher(rest);
        if (within.matches()) {
            add(new Step.Expect(line, within.group(1), duration(line, within.group(2))));
        } else {
            add(new Step.Expect(line, rest, DEFAULT_EXPECT_TIMEOUT));
        }
    }

    private void reply(int line, String rest) {
        int arrow = rest.indexOf(ARROW);
        if (arrow < 0) {
            throw error(line, "a reply needs '=>' between request and reply: reply READ? => T=21.5");
        }
        String request = rest.substring(0, arrow).strip();
        String reply = rest.substring(arrow + ARROW.length()).strip();
        if (request.isEmpty()) {
            throw error(line, "a reply needs a request before '=>': reply READ? => T=21.5");
        }
        if (request.length() > 1 && request.startsWith("/") && request.endsWith("/")) {
            try {
                replies.add(new Reply(line, null, Pattern.compile(request.substring(1, request.length() - 1)), reply));
            } catch (PatternSyntaxException e) {
                throw error(line, "not a regular expression: " + e.getDescription() + " in " + request);
            }
        } else {
            replies.add(new Reply(line, request, null, reply));
        }
    }

    private String need(int line, String rest, String form) {
        if (rest.isEmpty()) {
            throw error(line, "missing value: write " + form);
        }
        return rest;
    }

    private Duration duration(int line, String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw error(line, "'" + text + "' is not a duration: write a number and a unit, e.g. 250ms, 1s, 1.5s "
                    + "or 2m");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            default -> amount * 60_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private int count(int line, String text) {
        try {
            int times = Integer.parseInt(text);
            if (times > 0) {
                return times;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the form to write
        }
        throw error(line, "'repeat " + text + "': write repeat N with N at least 1, or repeat alone to repeat "
                + "until the script is stopped");
    }

    private byte[] hex(int line, String text) {
        String[] pairs = text.split("\\s+");
        byte[] bytes = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i].length() != 2 || !HexFormat.isHexDigit(pairs[i].charAt(0))
                    || !HexFormat.isHexDigit(pairs[i].charAt(1))) {
                throw error(line, "'" + pairs[i] + "' is not a byte in hexadecimal: write two digits per byte, "
                        + "separated by spaces, e.g. send-bytes 02 41 03");
            }
            bytes[i] = (byte) HexFormat.fromHexDigits(pairs[i]);
        }
        return bytes;
    }

    private IllegalArgumentException error(int line, String problem) {
        return new IllegalArgumentException(name + ":" + line + ": " + problem);
    }
}
