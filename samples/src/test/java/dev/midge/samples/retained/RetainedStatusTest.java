package dev.midge.samples.retained;

import dev.midge.broker.BrokerEvent;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A status published with retain reaches clients that subscribe later, and only the last one does.
 */
@MqttBroker
class RetainedStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aLateSubscriberReceivesTheLastRetainedStatus(BrokerHandle broker) throws Exception {
        StatusPublisher pi = new StatusPublisher(MqttSettings.of(broker.uri().toString(), "pi"));
        pi.publish("{\"status\": \"Booting\"}");
        pi.publish("{\"status\": \"On\"}");

        LateSubscriber dashboard = new LateSubscriber(MqttSettings.of(broker.uri().toString(), "dashboard"));

        assertThat(dashboard.currentStatus(WAIT)).contains("{\"status\": \"On\"}");
    }

    @Test
    void theStatusGoesToItsOwnTopicOnly(BrokerHandle broker) throws Exception {
        new StatusPublisher(MqttSettings.of(broker.uri().toString(), "pi"), "greenhouse/pi/status").publish("On");

        assertThat(broker.retainedMessages())
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.topic()).isEqualTo("greenhouse/pi/status");
                    assertThat(message.payloadAsString()).isEqualTo("On");
                    assertThat(message.qos().value()).isEqualTo(1);
                });
    }

    @Test
    void aClearedStatusIsNoLongerHandedToLateSubscribers(BrokerHandle broker) throws Exception {
        StatusPublisher pi = new StatusPublisher(MqttSettings.of(broker.uri().toString(), "pi"));
        pi.publish("{\"status\": \"On\"}");

        pi.clear();

        assertThat(broker.retainedMessages()).isEmpty();
        assertThat(new LateSubscriber(MqttSettings.of(broker.uri().toString(), "dashboard"))
                .currentStatus(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aLiveMessageArrivingFirstIsNotMistakenForTheRetainedStatus(BrokerHandle broker) throws Exception {
        LateSubscriber dashboard = new LateSubscriber(MqttSettings.of(broker.uri().toString(), "dashboard"));
        CompletableFuture<Optional<String>> status = CompletableFuture.supplyAsync(() -> {
            try {
                return dashboard.currentStatus(WAIT);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(WAIT).until(() -> !broker.recording().events(BrokerEvent.Subscribed.class).isEmpty());

        broker.publish("raspberry/status", "live, not retained");

        assertThat(status.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(broker.recording().events(BrokerEvent.MessageDelivered.class))
                .singleElement()
                .satisfies(delivered -> assertThat(delivered.clientId()).isEqualTo("dashboard"));
    }
}
