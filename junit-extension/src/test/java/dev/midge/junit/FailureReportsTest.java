package dev.midge.junit;

import dev.midge.broker.Broker;
import dev.midge.junit.internal.MidgeConfiguration;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A failed test leaves what its broker saw in {@code <midge.reports.dir>/<test class>/<test>.txt}, for CI to keep.
 */
class FailureReportsTest {

    /** Set before {@link AgainstAnExternalBroker} is run, and so before that class is initialised. */
    private static volatile String externalUrl;

    private static Path reportsOf(Path directory, Class<?> fixture) {
        return directory.resolve(fixture.getName());
    }

    private static EngineExecutionResults runWithReportsIn(String directory, Class<?> fixture) {
        return EngineRun.run(Map.of(MidgeConfiguration.REPORTS_DIRECTORY, directory), fixture);
    }

    @Test
    void aFailedTestLeavesTheTranscriptOfItsBrokerInAFileNamedAfterIt(@TempDir Path reports) throws IOException {
        runWithReportsIn(reports.toString(), SharedBroker.class);

        Path dir = reportsOf(reports, SharedBroker.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("expectsAnotherReading.txt");
        }
        assertThat(Files.readString(dir.resolve("expectsAnotherReading.txt")))
                .startsWith("Test: " + SharedBroker.class.getName()
                        + "#expectsAnotherReading  (\"expectsAnotherReading(BrokerHandle, MqttClients)\")\n")
                .contains("Failure: java.lang.AssertionError: Expected exactly 1 message on topic raspberry/topic with"
                        + " payload \"22.0\" within 200ms, but none arrived.")
                .contains("\nBroker: embedded broker at tcp://127.0.0.1:")
                .contains("\n\nBroker traffic, oldest first:\n")
                .containsPattern("pi +→ CONNECT +v4 clean")
                .containsPattern("pi +→ PUBLISH +raspberry/topic qos=1 retain=false \"21.5\"");
    }

    @Test
    void aTestWithItsOwnBrokerIsReportedBeforeThatBrokerCloses(@TempDir Path reports) throws IOException {
        runWithReportsIn(reports.toString(), OwnBrokerPerMethod.class);

        assertThat(Files.readString(reportsOf(reports, OwnBrokerPerMethod.class).resolve("failsWithItsOwnBroker.txt")))
                .contains("Failure: java.lang.AssertionError: the door is open")
                .containsPattern("\\(broker\\) +→ PUBLISH +alarms/door qos=0 retain=false \"open\"");
    }

    @Test
    void eachRepetitionHasItsOwnFileWrittenBeforeTheSharedBrokerIsReset(@TempDir Path reports) throws IOException {
        runWithReportsIn(reports.toString(), Repeated.class);

        Path dir = reportsOf(reports, Repeated.class);
        assertThat(Files.readString(dir.resolve("failsEveryTime[1].txt")))
                .contains("Failure: java.lang.AssertionError: repetition 1")
                .contains("counter qos=0 retain=false \"1\"");
        assertThat(Files.readString(dir.resolve("failsEveryTime[2].txt")))
                .contains("Failure: java.lang.AssertionError: repetition 2")
                .contains("counter qos=0 retain=false \"2\"")
                .doesNotContain("counter qos=0 retain=false \"1\"");
    }

    @Test
    void aFailingAfterEachMethodIsReportedToo(@TempDir Path reports) throws IOException {
        runWithReportsIn(reports.toString(), FailingAfterEach.class);

        assertThat(Files.readString(reportsOf(reports, FailingAfterEach.class).resolve("passesItself.txt")))
                .contains("Failure: java.lang.AssertionError: cleaning up failed")
                .contains("raspberry/status qos=0 retain=false \"done\"");
    }

    @Test
    void aTestAgainstAnExternalBrokerIsReportedWithWhatTheRecordingClientSaw(@TempDir Path reports)
            throws IOException {
        try (Broker elsewhere = Broker.builder().port(0).start()) {
            externalUrl = elsewhere.uri().toString();

            runWithReportsIn(reports.toString(), AgainstAnExternalBroker.class);

            assertThat(Files.readString(reportsOf(reports, AgainstAnExternalBroker.class).resolve("fails.txt")))
                    .contains("\nBroker: external broker at " + elsewhere.uri() + "\n")
                    .containsPattern("\\(unknown\\) +→ PUBLISH +raspberry/topic qos=0 retain=false \"21.5\"");
        }
    }

    @Test
    void aTestWithTwoBrokersHasOneReportWithAPartForEach(@TempDir Path reports) throws IOException {
        runWithReportsIn(reports.toString(), TwoBrokers.class);

        String report = Files.readString(reportsOf(reports, TwoBrokers.class).resolve("fails.txt"));
        assertThat(report.split("\nBroker: embedded broker at ", -1)).hasSize(3);
        assertThat(report).containsOnlyOnce("Failure: ")
                .contains("first/topic qos=0 retain=false \"1\"")
                .contains("second/topic qos=0 retain=false \"2\"");
    }

    @Test
    void noneOrNothingTurnsReportsOff() throws IOException {
        Path usual = reportsOf(Path.of(MidgeConfiguration.DEFAULT_REPORTS_DIRECTORY), SharedBroker.class);
        deleteRecursively(usual);

        for (String off : List.of("none", "NONE", " ")) {
            EngineExecutionResults results = runWithReportsIn(off, SharedBroker.class);

            assertThat(results.testEvents().failed().count()).isEqualTo(1);
            assertThat(usual).doesNotExist();
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsAttachedToTheTestFailure(@TempDir Path reports) throws IOException {
        Path notADirectory = Files.writeString(reports.resolve("taken"), "a file", StandardCharsets.UTF_8);

        EngineExecutionResults results = runWithReportsIn(notADirectory.toString(), OwnBrokerPerMethod.class);

        Throwable failure = results.testEvents().failed().stream().map(Event::getPayload).flatMap(Optional::stream)
                .map(TestExecutionResult.class::cast).flatMap(r -> r.getThrowable().stream()).findFirst()
                .orElseThrow();
        assertThat(failure).hasMessage("the door is open");
        assertThat(failure.getSuppressed()).singleElement().asString()
                .startsWith("java.io.IOException: Could not write the broker report " + notADirectory);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        }
    }

    @Fixture
    @MqttBroker
    static class SharedBroker {
        @Test
        void expectsAnotherReading(BrokerHandle broker, MqttClients clients) throws Exception {
            clients.v3("pi").publish("raspberry/topic", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

            MqttAssertions.assertThat(broker).within(Duration.ofMillis(200)).received().onTopic("raspberry/topic")
                    .withPayload("22.0").once();
        }

        @Test
        void passes(BrokerHandle broker) {
            broker.publish("raspberry/topic", "fine");
        }
    }

    @Fixture
    static class OwnBrokerPerMethod {
        @Test
        @MqttBroker
        void failsWithItsOwnBroker(BrokerHandle broker) {
            broker.publish("alarms/door", "open");
            fail("the door is open");
        }
    }

    @Fixture
    @MqttBroker
    static class Repeated {
        @RepeatedTest(2)
        void failsEveryTime(BrokerHandle broker, RepetitionInfo repetition) {
            broker.publish("counter", String.valueOf(repetition.getCurrentRepetition()));
            fail("repetition " + repetition.getCurrentRepetition());
        }
    }

    @Fixture
    @MqttBroker
    static class FailingAfterEach {
        @AfterEach
        void cleanUp() {
            fail("cleaning up failed");
        }

        @Test
        void passesItself(BrokerHandle broker) {
            broker.publish("raspberry/status", "done");
        }
    }

    @Fixture
    static class AgainstAnExternalBroker {
        // JUnit reads this field even where the fixture is disabled, with no URL set: "" then means embedded.
        @RegisterExtension
        static MidgeExtension broker = MidgeExtension.builder()
                .externalUrl(Objects.requireNonNullElse(externalUrl, "")).build();

        @Test
        void fails() {
            broker.publish("raspberry/topic", "21.5");

            MqttAssertions.assertThat(broker).within(Duration.ofMillis(500)).received().onTopic("raspberry/topic")
                    .withPayload("22.0").once();
        }
    }

    @Fixture
    static class TwoBrokers {
        @RegisterExtension
        MidgeExtension first = MidgeExtension.builder().build();

        @RegisterExtension
        MidgeExtension second = MidgeExtension.builder().build();

        @Test
        void fails() {
            first.publish("first/topic", "1");
            second.publish("second/topic", "2");
            fail("both brokers saw something");
        }
    }
}
