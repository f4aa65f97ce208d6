package dev.midge.broker;

import dev.midge.broker.internal.MemoryBudget;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.ManualClock;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Broker#statistics()}: what the broker holds now and what it has counted since it started, checked against
 * traffic whose effect is known packet by packet.
 */
class BrokerStatisticsTest {

    private static final long BUDGET = 1024 * 1024;

    private final ManualClock clock = new ManualClock();
    private final Broker broker = Broker.builder().port(0).clock(clock).memoryBudget(BUDGET).start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void aFreshBrokerHoldsNothingAndHasCountedNothing() {
        assertThat(broker.statistics())
                .isEqualTo(new BrokerStatistics(Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, BUDGET, 0, 0, 0, 0,
                        noDrops(), 0));
    }

    @Test
    void uptimeFollowsTheBrokersClock() {
        clock.advance(Duration.ofSeconds(90));

        assertThat(broker.statistics().uptime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRoutedMessageIsCountedOnceReceivedAndOnceSentPerSubscriber() {
        try (RawMqttClient first = subscriber("first", 0);
             RawMqttClient second = subscriber("second", 0);
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            publisher.send(MqttPackets.publish("status", "on", 0, 0, false, true));
            for (int i = 0; i < 3; i++) {
                publisher.send(MqttPackets.publish("t", "m" + i));
            }
            for (int i = 0; i < 3; i++) {
                first.expect(Packet.PUBLISH);
                second.expect(Packet.PUBLISH);
            }
            broker.publish(Message.of("t", "from the API"));
            first.expect(Packet.PUBLISH);
            second.expect(Packet.PUBLISH);

            BrokerStatistics statistics = broker.statistics();

            assertThat(statistics.connectedClients()).isEqualTo(3);
            assertThat(statistics.sessions()).isEqualTo(3);
            assertThat(statistics.connectionsAccepted()).isEqualTo(3);
            assertThat(statistics.subscriptions()).isEqualTo(2);
            assertThat(statistics.retainedMessages()).isEqualTo(1);
            assertThat(statistics.messagesReceived()).isEqualTo(5);
            assertThat(statistics.messagesSent()).isEqualTo(8);
            assertThat(statistics.messagesDropped()).isZero();
        }
    }

    @Test
    void anAbsentPersistentSessionCountsItsQueueAndWhatItCouldNotTake() {
        try (RawMqttClient away = subscriber("away", 1)) {
            away.send(MqttPackets.disconnect());
            assertThat(away.isClosedWithin(Duration.ofSeconds(5))).isTrue();
        }
        events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("away"));
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            publisher.send(MqttPackets.publish("t", "qos 0 cannot wait"));
            for (int id = 1; id <= 2; id++) {
                publisher.send(MqttPackets.publish("t", "qos 1 waits", 1, id, false, false));
                publisher.expect(Packet.PUBACK);
            }

            BrokerStatistics statistics = broker.statistics();

            assertThat(statistics.connectedClients()).isEqualTo(1);
            assertThat(statistics.sessions()).isEqualTo(2);
            assertThat(statistics.subscriptions()).isEqualTo(1);
            assertThat(statistics.queuedMessages()).isEqualTo(2);
            assertThat(statistics.inflightMessages()).isZero();
            assertThat(statistics.messagesReceived()).isEqualTo(3);
            assertThat(statistics.messagesSent()).isZero();
            assertThat(statistics.messagesDropped()).isEqualTo(1)
                    .isEqualTo(events.all(BrokerEvent.MessageDropped.class).size());
        }
    }

    @Test
    void messagesSentAndNotYetAcknowledgedAreInflight() {
        try (RawMqttClient slow = subscriber("slow", 1);
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            publisher.send(MqttPackets.publish("t", "m1", 1, 1, false, false));
            int firstId = slow.expect(Packet.PUBLISH).packetId();
            publisher.send(MqttPackets.publish("t", "m2", 1, 2, false, false));
            slow.expect(Packet.PUBLISH);

            BrokerStatistics twoInFlight = broker.statistics();
            assertThat(twoInFlight.inflightMessages()).isEqualTo(2);
            assertThat(twoInFlight.inflightBytes()).as("topic and payload of both").isEqualTo(2 * "tm1".length());
            long held = MemoryBudget.subscriptionCost("t") + MemoryBudget.sessionCost("slow");
            assertThat(twoInFlight.memoryUsed()).isEqualTo(twoInFlight.inflightBytes() + held);

            slow.send(MqttPackets.puback(firstId));
            slow.ping();
            BrokerStatistics oneInFlight = broker.statistics();
            assertThat(oneInFlight.inflightMessages()).isEqualTo(1);
            assertThat(oneInFlight.inflightBytes()).isEqualTo(oneInFlight.memoryUsed() - held)
                    .isEqualTo("tm2".length());
        }
    }

    private static Map<DropReason, Long> noDrops() {
        Map<DropReason, Long> none = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            none.put(reason, 0L);
        }
        return none;
    }

    private RawMqttClient subscriber(String clientId, int qos) {
        RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311(clientId).cleanSession(qos == 0));
        client.send(MqttPackets.subscribe(1, "t", qos));
        client.expect(Packet.SUBACK);
        return client;
    }
}
