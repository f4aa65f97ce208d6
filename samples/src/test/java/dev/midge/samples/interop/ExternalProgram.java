package dev.midge.samples.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A non-Java MQTT client run as a child process, read line by line as it prints, and always stopped through its
 * handle. A program that is not installed fails the test naming the Debian package that provides it: interop tests
 * never skip.
 */
final class ExternalProgram implements AutoCloseable {

    private final Process process;
    private final String command;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> printed = new ArrayList<>();
    private final Thread reader;

    private ExternalProgram(Process process, String command) {
        this.process = process;
        this.command = command;
        reader = new Thread(this::readOutput, "output of " + command);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param debianPackage the package providing the program, named when it is missing
     * @param command       the program (a name looked up on the PATH, or an absolute path) and its arguments
     */
    static ExternalProgram start(String debianPackage, String... command) throws IOException {
        requireInstalled(command[0], debianPackage);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ExternalProgram(process, String.join(" ", command));
    }

    /**
     * @throws AssertionError naming the package when the program cannot be found
     */
    static void requireInstalled(String program, String debianPackage) {
        List<Path> candidates = new ArrayList<>();
        if (program.contains("/")) {
            candidates.add(Path.of(program));
        } else {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    candidates.add(Path.of(directory, program));
                }
            }
        }
        if (candidates.stream().noneMatch(Files::isExecutable)) {
            throw new AssertionError(program + " is not installed (looked at " + candidates + "). The interop tests"
                    + " need Debian's package " + debianPackage + ": apt-get install " + debianPackage
                    + " (.ci/run installs it)");
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (printed) {
                    printed.add(line);
                }
                unread.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the next lines the program prints
     * @throws AssertionError when it prints fewer in time, showing all it printed
     */
    List<String> nextLines(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError(command + " printed " + lines.size() + " of the " + count
                        + " lines expected within " + timeout + "; all it printed: " + printed());
            }
            lines.add(line);
        }
        return lines;
    }

    /**
     * Waits for the program to end by itself, successfully.
     *
     * @return the lines it printed and that were not read yet
     */
    List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " did not finish within " + timeout + "; it printed: " + printed());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + "; it printed: "
                    + printed());
        }
        reader.join(timeout.toMillis());
        List<String> rest = new ArrayList<>();
        unread.drainTo(rest);
        return rest;
    }

    /**
     * Kills the program at once (SIGKILL), as a crash or a pulled power plug would: it closes nothing itself.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private List<String> printed() {
        synchronized (printed) {
            return List.copyOf(printed);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
