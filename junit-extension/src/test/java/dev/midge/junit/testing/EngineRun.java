package dev.midge.junit.testing;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs fixture test classes on the Jupiter engine inside a test, to check what users would see.
 */
public final class EngineRun {

    private EngineRun() {
    }

    /**
     * @param configuration JUnit configuration parameters, e.g. parallel execution
     * @param classes       the fixture classes
     * @return the results
     */
    public static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .configurationParameter(Fixture.PARAMETER, "true");
        for (Class<?> type : classes) {
            builder.selectors(selectClass(type));
        }
        return builder.execute();
    }

    /**
     * Runs fixture classes the way a build's launcher does: system properties and {@code junit-platform.properties}
     * count as configuration parameters, which a test kit run leaves out unless asked.
     *
     * @param classes the fixture classes
     * @return the results
     */
    public static EngineExecutionResults runAsLaunched(Class<?>... classes) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(true)
                .configurationParameter(Fixture.PARAMETER, "true");
        for (Class<?> type : classes) {
            builder.selectors(selectClass(type));
        }
        return builder.execute();
    }

    /**
     * @return the message of the first failed test's exception
     */
    public static String firstFailureMessage(EngineExecutionResults results) {
        Optional<Throwable> failure = results.allEvents().failed().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .filter(org.junit.platform.engine.TestExecutionResult.class::isInstance)
                .map(org.junit.platform.engine.TestExecutionResult.class::cast)
                .flatMap(r -> r.getThrowable().stream())
                .findFirst();
        return failure.map(Throwable::getMessage).orElseThrow(() -> new AssertionError("no test failed"));
    }
}
