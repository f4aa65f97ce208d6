package dev.midge.bench;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What a broker per test method adds to a test class: a class of 100 tests, each getting its own broker through
 * {@code @MqttBroker} on the method, against the same 100 tests with no broker, run on the JUnit engine in the same
 * JVM, alternating, after warm-up.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.PerTestBrokerCost}
 */
public final class PerTestBrokerCost {

    private static final int WARM_UP = 5;
    private static final int MEASURED = 15;

    private PerTestBrokerCost() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        long[] with = new long[MEASURED];
        long[] without = new long[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            long withBroker = run(BrokerPerTest.class);
            long noBroker = run(NoBroker.class);
            if (i >= 0) {
                with[i] = withBroker;
                without[i] = noBroker;
            }
        }
        Stats withStats = new Stats(with);
        Stats withoutStats = new Stats(without);
        System.out.println("100 tests, JUnit engine in one JVM, " + MEASURED + " runs each after " + WARM_UP
                + " warm-up runs, alternating");
        System.out.println("  With a broker per test method   " + withStats.describe());
        System.out.println("  Reference: same tests, no broker " + withoutStats.describe());
        System.out.printf("  Added by 100 per-method brokers: %.1f ms in total, %.2f ms per test (median runs)%n",
                withStats.medianMillis() - withoutStats.medianMillis(),
                (withStats.medianMillis() - withoutStats.medianMillis()) / 100);
    }

    private static long run(Class<?> testClass) {
        long start = System.nanoTime();
        long succeeded = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
                .testEvents().succeeded().count();
        long elapsed = System.nanoTime() - start;
        if (succeeded != 100) {
            throw new IllegalStateException(testClass.getSimpleName() + ": only " + succeeded + " of 100 passed");
        }
        return elapsed;
    }

    /** A hundred tests, each with its own broker. */
    public static class BrokerPerTest {
        /** @param broker injected per test */
        @RepeatedTest(100)
        @MqttBroker
        public void test(BrokerHandle broker) {
            if (broker.port() <= 0) {
                throw new AssertionError("no port");
            }
        }
    }

    /** The same hundred tests without a broker. */
    public static class NoBroker {
        @RepeatedTest(100)
        public void test() {
            // the reference: what JUnit itself costs for a test
        }
    }
}
