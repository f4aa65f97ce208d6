package dev.midge.junit;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.SubscriptionInfo;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of timed behaviour that take milliseconds: the broker's clock stands still until the test moves it, and its
 * timers fire on the way.
 */
@MqttBroker(virtualTime = true)
class VirtualTimeTest {

    @Test
    void aPiThatFallsSilentIsCutAfterOneAndAHalfKeepAlivesAndItsWillPublished(BrokerHandle broker,
                                                                               MqttClients clients) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setKeepAliveInterval(60);
        options.setWill("raspberry/status", "Off".getBytes(StandardCharsets.UTF_8), 1, true);
        clients.v3("pi", options);
        broker.faults().network("pi").silence();

        broker.virtualTime().advance(Duration.ofSeconds(89));
        assertThat(broker.connectedClients()).containsExactly("pi");
        broker.virtualTime().advance(Duration.ofSeconds(1));

        assertThat(broker).publishedWillOf("pi").onTopic("raspberry/status").withPayload("Off").retained();
        assertThat(broker).hasDisconnectedClient("pi").withReason(DisconnectReason.KEEP_ALIVE_TIMEOUT);
    }

    @Test
    void aSessionOutlivesItsConnectionForItsExpiryIntervalAndNoLonger(BrokerHandle broker, MqttClients clients)
            throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        MqttClient pi = clients.v5("pi", options);
        pi.subscribe("raspberry/command", 1);
        pi.disconnect();

        broker.virtualTime().advance(Duration.ofMinutes(59));
        assertThat(broker.subscriptions()).extracting(SubscriptionInfo::clientId).containsExactly("pi");
        broker.virtualTime().advance(Duration.ofMinutes(1));

        assertThat(broker.subscriptions()).isEmpty();
    }

    @Test
    void theClockStandsStillUntilTheTestMovesIt(BrokerHandle broker) {
        Instant before = broker.virtualTime().now();

        broker.virtualTime().advance(Duration.ofDays(1));

        assertThat(broker.virtualTime().now()).isEqualTo(before.plus(Duration.ofDays(1)));
    }

    /** The builder of {@code @RegisterExtension} takes the same setting. */
    @Nested
    class FromTheBuilder {

        @RegisterExtension
        final MidgeExtension broker = MidgeExtension.builder().virtualTime(true).build();

        @Test
        void runsTheBrokerOnVirtualTime() {
            Instant before = broker.virtualTime().now();

            broker.virtualTime().advance(Duration.ofMinutes(5));

            assertThat(broker.virtualTime().now()).isEqualTo(before.plusSeconds(300));
        }
    }
}
