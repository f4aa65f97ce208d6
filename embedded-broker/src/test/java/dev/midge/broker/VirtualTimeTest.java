package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.midge.broker.testing.RawMqtt5Client.connectPacketWithWill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On virtual time the broker's timers wait for the test to move its clock, and fire, in order, before the move
 * returns: minutes of keep-alive, will delay and session expiry pass in milliseconds, and nothing fires early.
 */
class VirtualTimeTest {

    private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).virtualTime(START).sysTopics(Duration.ofSeconds(10))
            .start();
    private final VirtualTime time = broker.virtualTime();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void anUnheardClientIsCutAndItsWillPublishedOnceOneAndAHalfKeepAlivesHavePassed() {
        // MQTT-3.1.2-24: no packet within 1.5 times the keep-alive, and the connection is closed as if the network
        // had failed, so the will goes out.
        try (RawMqttClient watcher = subscriber("watcher", "status/#");
             RawMqttClient device = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device")
                     .keepAliveSeconds(60).will("status/device", "offline", 1, false))) {
            broker.network("device").silence();

            time.advance(Duration.ofSeconds(89));
            assertThat(broker.connectedClients()).contains("device");
            assertThat(events.all(BrokerEvent.WillPublished.class)).isEmpty();

            time.advance(Duration.ofSeconds(1));

            assertThat(events.all(BrokerEvent.WillPublished.class)).singleElement()
                    .satisfies(will -> assertThat(will.time()).isEqualTo(START.plusSeconds(90)));
            assertThat(events.all(BrokerEvent.ClientDisconnected.class)).singleElement()
                    .extracting(BrokerEvent.ClientDisconnected::reason).isEqualTo(DisconnectReason.KEEP_ALIVE_TIMEOUT);
            assertThat(watcher.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("offline");
        }
    }

    @Test
    void aClientTheBrokerCanHearIsTakenToKeepItsKeepAliveHoweverFarTimeMoves() {
        try (RawMqttClient device = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device")
                .keepAliveSeconds(60))) {
            time.advance(Duration.ofHours(3));

            assertThat(broker.connectedClients()).containsExactly("device");
            device.ping();
        }
    }

    @Test
    void theKeepAliveRunsFromTheLastPacketOrFromWhenTheClientWentUnheardWhicheverIsLater() {
        try (RawMqttClient device = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device")
                .keepAliveSeconds(60))) {
            time.advance(Duration.ofSeconds(200));
            broker.network("device").silence();
            time.advance(Duration.ofSeconds(89));
            assertThat(broker.connectedClients()).containsExactly("device");

            time.advance(Duration.ofSeconds(1));

            assertThat(broker.connectedClients()).isEmpty();
            assertThat(events.all(BrokerEvent.ClientDisconnected.class)).singleElement()
                    .satisfies(cut -> assertThat(cut.time()).isEqualTo(START.plusSeconds(290)));
        }
    }

    @Test
    void aPacketFromTheClientRestartsItsKeepAlive() {
        try (RawMqttClient device = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device")
                .keepAliveSeconds(60))) {
            broker.network("device").halfOpen();
            time.advance(Duration.ofSeconds(60));
            broker.network("device").heal();
            device.ping();
            broker.network("device").halfOpen();
            time.advance(Duration.ofSeconds(89));
            assertThat(broker.connectedClients()).containsExactly("device");

            time.advance(Duration.ofSeconds(1));

            assertThat(broker.connectedClients()).isEmpty();
            device.awaitClosed(CLOSE_TIMEOUT);
        }
    }

    @Test
    void aConnectionThatSendsNoConnectIsClosedAtTheConnectTimeout() {
        try (RawMqttClient mute = RawMqttClient.open(broker.port())) {
            Await.until("the broker holds the connection to its memory budget",
                    () -> broker.statistics().memoryUsed() > 0);
            time.advance(Duration.ofMillis(9_999));
            assertThat(mute.isClosedWithin(Duration.ofMillis(100))).isFalse();

            time.advance(Duration.ofMillis(1));

            mute.awaitClosed(CLOSE_TIMEOUT);
        }
    }

    @Test
    void aDelayedWillWaitsForItsDelayAfterTheConnectionDrops() {
        // MQTT-3.1.3-9: the will is not sent before the Will Delay Interval has passed.
        try (RawMqttClient watcher = subscriber("watcher", "status/#")) {
            RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                    connectPacketWithWill("device", "status/device", 30, 300));
            device.close();
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("device"));

            time.advance(Duration.ofSeconds(29));
            assertThat(events.all(BrokerEvent.WillPublished.class)).isEmpty();

            time.advance(Duration.ofSeconds(1));

            assertThat(events.all(BrokerEvent.WillPublished.class)).hasSize(1);
            assertThat(watcher.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("gone");
        }
    }

    @Test
    void aSessionIsKeptUntilItsExpiryIntervalHasPassedAfterTheConnection() {
        // MQTT-3.1.2-23: the session state is kept after the connection closes while the expiry interval runs.
        RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                connectPacketWithWill("device", "status/device", 0, 3600));
        device.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "cmd")
                .build());
        device.expect(MqttMessageType.SUBACK);
        device.close();
        events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("device"));

        time.advance(Duration.ofMinutes(59));
        assertThat(broker.subscriptions()).extracting(SubscriptionInfo::clientId).containsExactly("device");

        time.advance(Duration.ofMinutes(1));

        assertThat(broker.subscriptions()).isEmpty();
    }

    @Test
    void theSysTopicsArePublishedEveryIntervalOfVirtualTime() {
        try (RawMqttClient dashboard = subscriber("dashboard", "$SYS/broker/uptime")) {
            assertThat(dashboard.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("0 seconds");

            time.advance(Duration.ofSeconds(25));

            assertThat(dashboard.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("10 seconds");
            assertThat(dashboard.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("20 seconds");
            assertThat(dashboard.isClosedWithin(Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void theClockStandsStillUntilMovedAndStampsEvents() {
        try (RawMqttClient device = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device"))) {
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> true).time()).isEqualTo(START);
            assertThat(time.now()).isEqualTo(START);

            time.advance(Duration.ofHours(2));

            assertThat(time.now()).isEqualTo(START.plus(Duration.ofHours(2)));
        }
    }

    @Test
    void timeOnlyMovesForward() {
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Virtual time only moves forward: PT-1S");
    }

    @Test
    void aBrokerOnRealTimeSaysHowToGetVirtualTime() {
        try (Broker real = Broker.builder().port(0).start()) {
            assertThatThrownBy(real::virtualTime)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("build it with virtualTime()");
        }
    }

    private RawMqttClient subscriber(String clientId, String filter) {
        RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311(clientId));
        client.send(MqttPackets.subscribe(1, filter, 1));
        client.expect(Packet.SUBACK);
        return client;
    }
}
