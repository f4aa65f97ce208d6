package dev.midge.samples.docs.snippets;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs the tests of a compiled block on the JUnit Platform, as a user's build would.
 *
 * @param tests    how many tests the block holds
 * @param failures the failures, with their stack traces; empty when every test passed or there were none
 */
public record SnippetRun(long tests, String failures) {

    /**
     * @param classes   the directory holding the block's class files
     * @param className the block's top-level class
     * @return what running it gave
     */
    public static SnippetRun of(Path classes, String className) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SnippetRun.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = request()
                    .selectors(selectClass(loader.loadClass(className)))
                    .build();
            Launcher launcher = LauncherFactory.create();
            TestPlan plan = launcher.discover(request);
            if (!plan.containsTests()) {
                return new SnippetRun(0, "");
            }
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            StringWriter failures = new StringWriter();
            if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() < summary.getTestsFoundCount()) {
                summary.printFailuresTo(new PrintWriter(failures), 30);
                summary.printTo(new PrintWriter(failures));
            }
            return new SnippetRun(summary.getTestsFoundCount(), failures.toString());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
