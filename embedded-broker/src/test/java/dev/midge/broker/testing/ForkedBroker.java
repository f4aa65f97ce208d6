package dev.midge.broker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone broker in a JVM of its own, with a small heap, so that a missing memory bound shows as a dead
 * broker within seconds: the JVM exits at its first {@link OutOfMemoryError}. Its statistics are read from its
 * {@code $SYS} topics, published every second.
 */
public final class ForkedBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SYS_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern TCP_URI = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final int MAX_SYS_PUBLICATIONS = 100;

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final int port;

    private ForkedBroker(Process process) {
        this.process = process;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> collect(port), "forked-broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("Interrupted while the broker started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("The forked broker did not start: " + output(), e);
        }
    }

    /**
     * Starts {@code dev.midge.broker.cli.Main} on a free port with {@code $SYS} topics every second.
     *
     * @param maxHeap   the {@code -Xmx} value, e.g. {@code 64m}
     * @param arguments more command-line options for the broker
     * @return the running broker
     */
    public static ForkedBroker start(String maxHeap, String... arguments) {
        return start(List.of(), maxHeap, arguments);
    }

    /**
     * Starts {@code dev.midge.broker.cli.Main} as {@link #start(String, String...)} does, with more JVM options.
     *
     * @param jvmOptions options for the JVM, e.g. {@code -Djava.io.tmpdir=...}
     * @param maxHeap    the {@code -Xmx} value, e.g. {@code 64m}
     * @param arguments  more command-line options for the broker
     * @return the running broker
     */
    public static ForkedBroker start(List<String> jvmOptions, String maxHeap, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                "dev.midge.broker.cli.Main", "--port", "0", "--sys-interval", "1"));
        command.addAll(List.of(arguments));
        try {
            return new ForkedBroker(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM", e);
        }
    }

    private void collect(CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher uri = TCP_URI.matcher(line);
                if (uri.find()) {
                    port.complete(Integer.parseInt(uri.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("The broker's output ended"));
    }

    /** @return the broker's TCP port */
    public int port() {
        return port;
    }

    /** @return whether the broker's JVM is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return everything the broker printed so far */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /**
     * Reads a figure the broker publishes under {@code $SYS/broker/} until it satisfies a condition. The reader is
     * a client of its own, counted in {@code clients/connected}.
     *
     * @param topic     the topic below {@code $SYS/broker/}, e.g. {@code publish/messages/dropped}
     * @param condition what the figure must satisfy
     * @return the first figure that does
     * @throws AssertionError when none does within a few publications
     */
    public long awaitSys(String topic, LongPredicate condition) {
        String full = "$SYS/broker/" + topic;
        List<Long> seen = new ArrayList<>();
        long deadline = System.nanoTime() + SYS_TIMEOUT.toNanos();
        try (RawMqttClient client = RawMqttClient.connect(port, ConnectPacket.mqtt311("sys-reader-" + System.nanoTime()))) {
            client.send(MqttPackets.subscribe(1, full, 0));
            client.expect(Packet.SUBACK);
            for (int i = 0; i < MAX_SYS_PUBLICATIONS && System.nanoTime() - deadline < 0; i++) {
                long value = Long.parseLong(client.expect(Packet.PUBLISH).payloadAsString());
                if (condition.test(value)) {
                    return value;
                }
                seen.add(value);
            }
        }
        throw new AssertionError(full + " never met the condition; published: " + seen);
    }

    /**
     * Kills the broker's JVM as {@code kill -9} does (SIGKILL on Linux): no shutdown hook runs, nothing is flushed
     * or closed. Waits for it to end.
     */
    public void kill() {
        try {
            if (!process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("The forked broker did not end within " + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the broker was killed", e);
        }
    }

    /** Stops the broker's JVM and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
