package dev.midge.broker.robustness;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Watches the standard error stream, where the tests' SLF4J binding writes every log line (the broker's, Vert.x's
 * and Netty's alike) and where the JVM reports uncaught exceptions, and keeps the lines that report trouble: WARN
 * and ERROR lines and uncaught exceptions. Everything still reaches the original stream.
 */
final class LogCapture implements AutoCloseable {

    private static final Pattern TROUBLE = Pattern.compile("\\] (WARN|ERROR) |^Exception in thread ");

    private final PrintStream original = System.err;
    private final List<String> trouble = new ArrayList<>();

    private LogCapture() {
        System.setErr(new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8));
    }

    /** @return a capture that is running */
    static LogCapture start() {
        return new LogCapture();
    }

    /** @return the lines reporting trouble since the start or the last call, and forgets them */
    synchronized List<String> drain() {
        List<String> lines = List.copyOf(trouble);
        trouble.clear();
        return lines;
    }

    private synchronized void line(String line) {
        if (TROUBLE.matcher(line).find()) {
            trouble.add(line);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Hands complete lines to the capture and every byte to the original stream. */
    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            original.write(b);
            if (b == '\n') {
                line(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
