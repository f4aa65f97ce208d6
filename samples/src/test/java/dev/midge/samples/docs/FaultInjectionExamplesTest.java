package dev.midge.samples.docs;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DropReason;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.testing.Inbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery faults shown in docs/fault-injection.md, run against the Pi's subscriber.
 */
@MqttBroker
class FaultInjectionExamplesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aDroppedDeliveryNeverReachesThePi(BrokerHandle broker) throws Exception {
        Inbox received = new Inbox();
        try (PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), received)) {
            pi.start();
            broker.faults().dropDeliveriesTo("pi", Duration.ZERO);

            broker.publish("raspberry/topic", "lost on the way");

            assertThat(broker.recording().awaitUntil(events -> events.stream().anyMatch(event ->
                    event instanceof BrokerEvent.MessageDropped dropped
                            && dropped.reason() == DropReason.FAULT_INJECTED), TIMEOUT)).isTrue();
            assertThat(pi.isConnected()).isTrue();
        }
    }

    @Test
    void aDelayedDeliveryArrivesLate(BrokerHandle broker) throws Exception {
        Inbox received = new Inbox();
        try (PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), received)) {
            pi.start();
            broker.faults().delayDeliveriesTo("pi", Duration.ofMillis(300), Duration.ZERO);
            Instant sent = Instant.now();

            broker.publish("raspberry/topic", "slow network");

            assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic slow network");
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }
}
