package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.DropReason;
import dev.midge.broker.QoS;
import dev.midge.broker.SubscriptionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.midge.broker.internal.CoreFixture.attempt;
import static dev.midge.broker.internal.CoreFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in the core alone: wills, takeover, offline queues and expiry, with timers that run only when the test
 * moves the manual clock.
 */
class CoreSessionTest {

    private final CoreFixture broker = new CoreFixture(2);

    @Test
    void theWillIsPublishedWhenTheConnectionIsLost() {
        // MQTT-3.1.2-8
        CoreFixture.Client watcher = broker.connect("watcher");
        broker.subscribe(watcher, "status/device", QoS.AT_MOST_ONCE);
        CoreFixture.Client device = broker.connect(attempt("device", true, 0,
                message("status/device", "offline", QoS.AT_MOST_ONCE), 0));

        broker.disconnect(device, DisconnectReason.CONNECTION_LOST, true);

        assertThat(watcher.link().texts()).containsExactly("offline");
        assertThat(broker.events(BrokerEvent.WillPublished.class)).singleElement()
                .satisfies(will -> assertThat(will.clientId()).isEqualTo("device"));
    }

    @Test
    void theWillIsNotPublishedOnANormalDisconnect() {
        CoreFixture.Client watcher = broker.connect("watcher");
        broker.subscribe(watcher, "status/device", QoS.AT_MOST_ONCE);
        CoreFixture.Client device = broker.connect(attempt("device", true, 0,
                message("status/device", "offline", QoS.AT_MOST_ONCE), 0));

        broker.disconnect(device, DisconnectReason.CLIENT_DISCONNECTED, false);

        assertThat(watcher.link().published).isEmpty();
        assertThat(broker.events(BrokerEvent.WillPublished.class)).isEmpty();
    }

    @Test
    void aDelayedWillWaitsForItsDelay() {
        CoreFixture.Client watcher = broker.connect("watcher");
        broker.subscribe(watcher, "status/device", QoS.AT_MOST_ONCE);
        CoreFixture.Client device = broker.connect(attempt("device", false, 3600,
                message("status/device", "offline", QoS.AT_MOST_ONCE), 30));
        broker.disconnect(device, DisconnectReason.CONNECTION_LOST, true);

        broker.thread.advance(Duration.ofSeconds(29));
        assertThat(watcher.link().published).isEmpty();

        broker.thread.advance(Duration.ofSeconds(1));
        assertThat(watcher.link().texts()).containsExactly("offline");
    }

    @Test
    void aDelayedWillIsNotPublishedWhenTheClientReturnsInTime() {
        // MQTT-3.1.3-9
        CoreFixture.Client watcher = broker.connect("watcher");
        broker.subscribe(watcher, "status/device", QoS.AT_MOST_ONCE);
        CoreFixture.Client device = broker.connect(attempt("device", false, 3600,
                message("status/device", "offline", QoS.AT_MOST_ONCE), 30));
        broker.disconnect(device, DisconnectReason.CONNECTION_LOST, true);
        broker.thread.advance(Duration.ofSeconds(10));

        broker.connect(attempt("device", false, 3600, null, 0));
        broker.thread.advance(Duration.ofMinutes(5));

        assertThat(watcher.link().published).isEmpty();
    }

    @Test
    void aSecondConnectionWithTheSameIdentifierTakesTheSessionOver() {
        // MQTT-3.1.4-3
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_MOST_ONCE);

        CoreFixture.Client second = broker.connect(attempt("device", false, 3600, null, 0));
        broker.core.publish(message("cmd", "reboot", QoS.AT_MOST_ONCE));

        assertThat(first.link().closes).containsExactly(DisconnectReason.SESSION_TAKEN_OVER);
        assertThat(first.link().published).isEmpty();
        assertThat(second.link().texts()).containsExactly("reboot");
        assertThat(broker.core.inventory().connectedClients()).containsExactly("device");
    }

    @Test
    void theDisconnectOfATakenOverConnectionLeavesTheNewOneAlone() {
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        CoreFixture.Client second = broker.connect(attempt("device", false, 3600, null, 0));

        broker.disconnect(first, DisconnectReason.SESSION_TAKEN_OVER, false);

        assertThat(second.session().isOnline()).isTrue();
        assertThat(broker.core.inventory().connectedClients()).containsExactly("device");
    }

    @Test
    void aFullOfflineQueueDropsTheNewestMessage() {
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_LEAST_ONCE);
        broker.disconnect(first, DisconnectReason.CONNECTION_LOST, false);
        for (String text : new String[] {"one", "two", "three"}) {
            broker.core.publish(message("cmd", text, QoS.AT_LEAST_ONCE));
        }

        CoreFixture.Client back = broker.connect(attempt("device", false, 3600, null, 0));

        assertThat(back.link().texts()).containsExactly("one", "two");
        assertThat(broker.events(BrokerEvent.MessageDropped.class)).singleElement().satisfies(drop -> {
            assertThat(drop.reason()).isEqualTo(DropReason.QUEUE_FULL);
            assertThat(drop.message().payload()).asString().isEqualTo("three");
        });
    }

    @Test
    void aQos0MessageForAnOfflineSessionIsDroppedNotQueued() {
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_MOST_ONCE);
        broker.disconnect(first, DisconnectReason.CONNECTION_LOST, false);

        broker.core.publish(message("cmd", "lost", QoS.AT_MOST_ONCE));
        CoreFixture.Client back = broker.connect(attempt("device", false, 3600, null, 0));

        assertThat(back.link().published).isEmpty();
        assertThat(broker.events(BrokerEvent.MessageDropped.class)).extracting(BrokerEvent.MessageDropped::reason)
                .containsExactly(DropReason.CLIENT_OFFLINE);
    }

    @Test
    void aSessionEndsWhenItsExpiryIntervalRunsOutAfterTheConnection() {
        CoreFixture.Client device = broker.connect(attempt("device", false, 10, null, 0));
        broker.subscribe(device, "cmd", QoS.AT_LEAST_ONCE);
        broker.disconnect(device, DisconnectReason.CONNECTION_LOST, false);

        broker.thread.advance(Duration.ofMillis(9_999));
        assertThat(broker.core.inventory().subscriptions()).extracting(SubscriptionInfo::clientId)
                .containsExactly("device");

        broker.thread.advance(Duration.ofMillis(1));
        assertThat(broker.core.inventory().subscriptions()).isEmpty();
        assertThat(broker.thread.time.pendingTimers()).isZero();
    }

    @Test
    void aCleanStartSessionEndsWithItsConnection() {
        CoreFixture.Client device = broker.connect("device");
        broker.subscribe(device, "cmd", QoS.AT_LEAST_ONCE);

        broker.disconnect(device, DisconnectReason.CLIENT_DISCONNECTED, false);

        assertThat(broker.core.inventory().subscriptions()).isEmpty();
        assertThat(broker.core.inventory().connectedClients()).isEmpty();
    }

    @Test
    void anMqtt5ClientWithAnEmptyIdentifierIsAssignedOne() {
        // MQTT-3.1.3-6
        ConnectOutcome outcome = broker.core.connect(attempt("", true, 0, null, 0),
                new RecordingLink(ProtocolVersion.MQTT_5));

        assertThat(outcome.code()).isEqualTo(ConnectCode.ACCEPTED);
        assertThat(outcome.assignedClientId()).isNotEmpty();
        assertThat(broker.core.inventory().connectedClients()).containsExactly(outcome.assignedClientId());
    }

    @Test
    void aRefusalAskedForAnswersTheNextConnectOnly() {
        broker.core.faults().refuseNextConnects(ConnectCode.SERVER_UNAVAILABLE, 1);

        ConnectOutcome refused = broker.core.connect(attempt("device", true, 0, null, 0),
                new RecordingLink(ProtocolVersion.MQTT_5));
        ConnectOutcome accepted = broker.core.connect(attempt("device", true, 0, null, 0),
                new RecordingLink(ProtocolVersion.MQTT_5));

        assertThat(refused.code()).isEqualTo(ConnectCode.SERVER_UNAVAILABLE);
        assertThat(accepted.code()).isEqualTo(ConnectCode.ACCEPTED);
        assertThat(broker.events(BrokerEvent.ConnectionRefused.class)).singleElement()
                .satisfies(refusal -> assertThat(refusal.code()).isEqualTo(ConnectCode.SERVER_UNAVAILABLE));
    }
}
