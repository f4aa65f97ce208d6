package dev.midge.junit.assertions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Assertions wait for traffic instead of checking once: up to a timeout set in the chain, and for a whole period
 * when nothing must arrive.
 */
class WaitingTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();
    private static final Executor IN_300_MS = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    private static CompletableFuture<Void> publishLater(String topic, String payload) {
        return CompletableFuture.runAsync(() -> mqtt.broker.publish(topic, payload), IN_300_MS);
    }

    @Test
    void anAssertionWaitsForAMessageThatArrivesLater() {
        CompletableFuture<Void> publishing = publishLater("raspberry/topic", "late");
        assertThat(publishing).isNotDone();

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").withPayload("late").once();
        publishing.join();
    }

    @Test
    void theTimeoutOfTheWholeChainIsSetOnTheBroker() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic within 200ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SHORT, Duration.ofSeconds(2));
    }

    @Test
    void theTimeoutOfOneAssertionIsSetAnywhereBeforeItsLastCall() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().within(Duration.ofMillis(300))
                .onTopic("raspberry/topic").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300),
                Duration.ofSeconds(2));
    }

    @Test
    void aNegativeTimeoutIsAMistakeInTheTest() {
        assertThatThrownBy(() -> assertThat(mqtt.broker).within(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void nothingDuringWatchesTheWholePeriod() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/elsewhere", "0");
        long start = System.nanoTime();

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").nothingDuring(Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void nothingDuringFailsAsSoonAsAMessageArrives() {
        CompletableFuture<Void> publishing = publishLater("alarms/smoke", "kitchen");
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().matching("alarms/#")
                .nothingDuring(Duration.ofSeconds(10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected no message on a topic matching alarms/# during 10s, but 1"
                        + " arrived:")
                .hasMessageFindingMatch("\\(broker\\) +→ PUBLISH +alarms/smoke qos=0 retain=false \"kitchen\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        publishing.join();
    }

    @Test
    void nothingDuringCountsAMessageThatArrivedBeforeTheCall() throws Exception {
        publish(mqtt.client("pi-1"), "alarms/smoke", "kitchen");

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().onTopic("alarms/smoke")
                .nothingDuring(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected no message on topic alarms/smoke during 100ms, but 1 arrived:")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +alarms/smoke qos=1 retain=false \"kitchen\"");
    }
}
