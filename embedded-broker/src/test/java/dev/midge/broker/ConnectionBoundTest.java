package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every live connection holds an allowance of the memory budget from the moment it is accepted, before its CONNECT:
 * a connection the budget has no room for is closed at once, so a flood of sockets cannot exhaust the heap, and the
 * clients already connected go on being served.
 */
class ConnectionBoundTest {

    /** A budget of 1 MiB leaves connections their floor of 1.5 MiB: 128 plain connections at 12 KiB each. */
    private static final long BUDGET = 1L << 20;
    private static final int ROOM = 128;
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private final List<RawMqttClient> flood = new ArrayList<>();

    @AfterEach
    void closeFlood() {
        flood.forEach(RawMqttClient::close);
    }

    @Test
    void aFloodOfConnectionsIsClosedAtAcceptOnceTheBudgetHasNoRoomAndConnectedClientsAreStillServed() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(BUDGET).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqttClient bystander = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("bystander"))) {
            bystander.send(MqttPackets.subscribe(1, "bystander/echo", 1));
            bystander.expect(Packet.SUBACK);
            for (int i = 1; i < ROOM; i++) {
                flood.add(RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("flood-" + i)));
            }

            try (RawMqttClient refused = RawMqttClient.open(broker.port())) {
                assertThat(refused.isClosedWithin(AT_ONCE)).as("closed before its CONNECT").isTrue();
            }
            assertThat(events.await(BrokerEvent.ConnectionRefused.class, refused -> refused.clientId() == null)
                    .code()).isEqualTo(ConnectCode.SERVER_BUSY);
            assertThat(broker.statistics().connectedClients()).isEqualTo(ROOM);

            bystander.send(MqttPackets.publish("bystander/echo", "still served", 1, 2, false, false));
            assertThat(List.of(bystander.read().type(), bystander.read().type()))
                    .containsExactlyInAnyOrder(Packet.PUBACK, Packet.PUBLISH);

            flood.remove(0).close();
            Await.until("a connection is accepted once one has closed", () -> connects(broker.port()));
        }
    }

    @Test
    void socketsThatNeverSendConnectHoldTheirRoomOnlyUntilTheConnectTimeout() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(BUDGET)
                .connectTimeout(Duration.ofSeconds(2)).start()) {
            for (int i = 0; i < ROOM; i++) {
                flood.add(RawMqttClient.open(broker.port()));
            }
            Await.until("every socket has been handed to the broker", () -> {
                try (RawMqttClient probe = RawMqttClient.open(broker.port())) {
                    return probe.isClosedWithin(Duration.ofMillis(200));
                }
            });

            assertThat(flood.get(0).isClosedWithin(Duration.ofSeconds(10))).as("closed at the connect timeout")
                    .isTrue();
            Await.until("a client connects once the silent sockets are gone", () -> connects(broker.port()));
        }
    }

    private static boolean connects(int port) {
        try (RawMqttClient client = RawMqttClient.open(port)) {
            client.send(ConnectPacket.mqtt311("late").build());
            return client.expect(Packet.CONNACK).connackCode() == 0;
        } catch (AssertionError | RuntimeException closedAtOnce) {
            return false;
        }
    }
}
