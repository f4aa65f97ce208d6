package dev.midge.broker.interop;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command-line program from a Debian package, run as a child process that is always stopped by its handle.
 * A missing program fails the test and names the package to install: interop tests never skip silently.
 */
final class ExternalTool implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<String> output;

    private ExternalTool(Process process) {
        this.process = process;
        this.output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    }

    /**
     * Starts a program.
     *
     * @param debianPackage the package that provides it, named in the failure when it is missing
     * @param command       the program and its arguments
     */
    static ExternalTool start(String debianPackage, String... command) throws IOException {
        requireOnPath(command[0], debianPackage);
        return new ExternalTool(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    static void requireOnPath(String program, String debianPackage) {
        String path = System.getenv("PATH");
        List<String> searched = new ArrayList<>();
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return;
            }
            searched.add(dir);
        }
        throw new AssertionError(program + " is not installed (searched " + searched + "): the interop tests need "
                + "Debian's package " + debianPackage + " (apt-get install " + debianPackage + "), which .ci/run "
                + "installs");
    }

    /**
     * Waits for the program to end by itself.
     *
     * @return everything it printed
     * @throws AssertionError when it does not end in time or fails
     */
    String awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command() + " did not finish within " + timeout + "; it printed: "
                    + output.getNow("(nothing yet)"));
        }
        String printed = output.join();
        if (process.exitValue() != 0) {
            throw new AssertionError(command() + " exited with " + process.exitValue() + ": " + printed);
        }
        return printed;
    }

    /**
     * Waits for the program to end by itself with a failure status.
     *
     * @return everything it printed
     * @throws AssertionError when it does not end in time or succeeds
     */
    String awaitFailure(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command() + " did not finish within " + timeout + "; it printed: "
                    + output.getNow("(nothing yet)"));
        }
        String printed = output.join();
        if (process.exitValue() == 0) {
            throw new AssertionError(command() + " succeeded where it should have failed: " + printed);
        }
        return printed;
    }

    private String command() {
        return process.info().commandLine().orElse("the program");
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

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
