package dev.midge.junit.internal;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.assertions.Transcript;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes what the broker saw during a failed test to {@code <reports dir>/<test class>/<test>.txt}, so a CI build
 * can keep it as an artifact. Called after the test's {@code @AfterEach} methods, while its broker is still open
 * and before a test sharing the broker can reset the recording (a {@code TestWatcher} runs too late for both).
 */
public final class FailureReports {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FailureReports.class);

    private FailureReports() {
    }

    /**
     * Writes the report when the test failed; a test with several brokers gets one report with a part for each.
     * A report that cannot be written is attached to the test's failure as a suppressed exception.
     *
     * @param methodContext the context of the test method, after it ran
     * @param broker        the broker of the test, or null when it never started
     */
    public static void afterTest(ExtensionContext methodContext, BrokerHandle broker) {
        Optional<Throwable> failure = methodContext.getExecutionException();
        Optional<Path> directory = MidgeConfiguration.of(methodContext).reportsDirectory();
        if (failure.isEmpty() || broker == null || directory.isEmpty() || methodContext.getTestMethod().isEmpty()) {
            return;
        }
        Path file = directory.get().resolve(methodContext.getRequiredTestClass().getName())
                .resolve(fileName(methodContext));
        boolean first = !methodContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(methodContext.getUniqueId(), id -> new AtomicBoolean(), AtomicBoolean.class)
                .getAndSet(true);
        try {
            Files.createDirectories(file.getParent());
            String text = (first ? heading(methodContext, failure.get()) : "\n\n") + "Broker: " + broker + "\n\n"
                    + Transcript.whole(broker) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            failure.get().addSuppressed(new IOException("Could not write the broker report " + file + ": " + e, e));
        }
    }

    /**
     * The method's name, then for each level of test templates below it (a parameterized or repeated test's
     * invocations) its invocation number in brackets, e.g. {@code readsTemperature[3].txt}; characters other than
     * letters, digits, {@code .}, {@code _} and {@code -} become {@code _}.
     */
    static String fileName(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        String[] segments = context.getUniqueId().split("]/\\[");
        StringBuilder name = new StringBuilder(safe(method));
        boolean below = false;
        for (String segment : segments) {
            String value = segment.substring(segment.indexOf(':') + 1).replace("]", "");
            if (below) {
                name.append('[').append(safe(value.startsWith("#") ? value.substring(1) : value)).append(']');
            } else {
                below = value.startsWith(method + "(");
            }
        }
        return name.append(".txt").toString();
    }

    private static String heading(ExtensionContext context, Throwable failure) {
        return "Test: " + context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName()
                + "  (\"" + context.getDisplayName() + "\")\n"
                + "Unique id: " + context.getUniqueId() + "\n"
                + "Failure: " + failure + "\n\n";
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
