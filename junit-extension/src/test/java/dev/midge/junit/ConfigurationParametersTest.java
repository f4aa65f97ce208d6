package dev.midge.junit;

import dev.midge.broker.Broker;
import dev.midge.junit.internal.MidgeConfiguration;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The extension-wide settings are JUnit configuration parameters, so two runs in one JVM (which system properties
 * could not tell apart) each see their own, and a value Midge cannot use fails with what to write instead.
 */
class ConfigurationParametersTest {

    @Test
    void twoRunsAtTheSameTimeEachSeeTheirOwnExternalUrlAndAssertionTimeout() throws Exception {
        try (Broker elsewhere = Broker.builder().port(0).start()) {
            CyclicBarrier bothStarted = new CyclicBarrier(2);
            AgainstAnExternalBroker.barrier = bothStarted;
            Embedded.barrier = bothStarted;
            CompletableFuture<EngineExecutionResults> external = CompletableFuture.supplyAsync(() -> EngineRun.run(
                    Map.of("midge.external.url", elsewhere.uri().toString(), "midge.assertions.timeout", "300ms"),
                    AgainstAnExternalBroker.class));
            CompletableFuture<EngineExecutionResults> embedded = CompletableFuture.supplyAsync(() -> EngineRun.run(
                    Map.of("midge.assertions.timeout", "7s"), Embedded.class));

            external.get().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            embedded.get().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            assertThat(AgainstAnExternalBroker.seen).isEqualTo(new Seen(true, elsewhere.uri().toString(),
                    Duration.ofMillis(300)));
            assertThat(Embedded.seen.external()).isFalse();
            assertThat(Embedded.seen.uri()).isNotEqualTo(elsewhere.uri().toString());
            assertThat(Embedded.seen.timeout()).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void theConfiguredTimeoutIsHowLongAnAssertionWaits() {
        EngineExecutionResults results = EngineRun.run(Map.of("midge.assertions.timeout", "150ms"),
                WaitsForAMessageThatNeverComes.class);

        assertThat(EngineRun.firstFailureMessage(results))
                .startsWith("Expected exactly 1 message on topic never/arrives within 150ms, but none arrived.");
    }

    @Test
    void aTimeoutWithoutUnitSaysWhatToWrite() {
        EngineExecutionResults results = EngineRun.run(Map.of("midge.assertions.timeout", "5"), Plain.class);

        assertThat(EngineRun.firstFailureMessage(results))
                .isEqualTo("midge.assertions.timeout = \"5\" is not a duration: write a whole number and a unit (ms,"
                        + " s or m), e.g. midge.assertions.timeout = 10s or midge.assertions.timeout = 500ms");
    }

    @Test
    void anExternalUrlWithoutSchemeSaysWhatToWrite() {
        EngineExecutionResults results = EngineRun.run(Map.of("midge.external.url", "localhost:1883"),
                Plain.class);

        assertThat(EngineRun.firstFailureMessage(results))
                .startsWith("midge.external.url = \"localhost:1883\" is not a broker URL: write midge.external.url ="
                        + " \"tcp://host:port\", e.g. midge.external.url = \"tcp://localhost:1883\"");
    }

    @Test
    void unsetParametersGiveTheDocumentedDefaults() {
        MidgeConfiguration configuration = MidgeConfiguration.read(name -> Optional.empty());

        assertThat(configuration.externalUrl()).isNull();
        assertThat(configuration.assertionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configuration.reportsDirectory()).contains(Path.of("target/midge-reports"));
    }

    @Test
    void timeoutsAreReadInMillisecondsSecondsOrMinutesAndNoneTurnsReportsOff() {
        Map<String, String> parameters = Map.of("midge.assertions.timeout", " 2 m ", "midge.reports.dir", "NONE",
                "midge.external.url", "  ");
        MidgeConfiguration configuration = MidgeConfiguration.read(name -> Optional.ofNullable(
                parameters.get(name)));

        assertThat(configuration.assertionTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(configuration.reportsDirectory()).isEmpty();
        assertThat(configuration.externalUrl()).isNull();
        assertThatThrownBy(() -> MidgeConfiguration.read(name -> Optional.of("99999999999 s")))
                .hasMessageContaining("is not a");
    }

    /** What a fixture saw of its broker. */
    record Seen(boolean external, String uri, Duration timeout) {
    }

    @Fixture
    @MqttBroker
    static class AgainstAnExternalBroker {
        static volatile CyclicBarrier barrier;
        static volatile Seen seen;

        @Test
        void seesItsRunsSettings(BrokerHandle broker) throws Exception {
            barrier.await(10, TimeUnit.SECONDS);
            seen = new Seen(broker.isExternal(), broker.uri().toString(), broker.assertionTimeout());
        }
    }

    @Fixture
    @MqttBroker
    static class Embedded {
        static volatile CyclicBarrier barrier;
        static volatile Seen seen;

        @Test
        void seesItsRunsSettings(BrokerHandle broker) throws Exception {
            barrier.await(10, TimeUnit.SECONDS);
            seen = new Seen(broker.isExternal(), broker.uri().toString(), broker.assertionTimeout());
        }
    }

    @Fixture
    @MqttBroker
    static class Plain {
        @Test
        void needsItsBroker(BrokerHandle broker) {
            broker.publish("raspberry/topic", "21.5");
        }
    }

    @Fixture
    @MqttBroker
    static class WaitsForAMessageThatNeverComes {
        @Test
        void expectsAMessage(BrokerHandle broker) {
            assertThat(broker).received().onTopic("never/arrives").once();
        }
    }
}
