package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.ForkedBroker;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.NeverReadingClient;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.RoundTrip;
import dev.midge.broker.testing.Await;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floods an attacker, or a client stuck in a debugger, would send, against the standalone broker in a JVM with a
 * 64 MiB heap that exits at its first {@link OutOfMemoryError}: the broker survives each, a well-behaved client still
 * connects and completes a QoS 1 round trip, and what was dropped or refused shows in the {@code $SYS} counters.
 */
class SmallHeapOverloadTest {

    private static final String HEAP = "64m";
    private static final long FLOOD_LIMIT_BYTES = 1L << 30;
    private static final Duration FLOOD_LIMIT_TIME = Duration.ofSeconds(3);
    private static final Duration SUBSCRIPTION_FLOOD_LIMIT_TIME = Duration.ofSeconds(8);
    private static final int BIG_MESSAGE = 15_000_000;
    private static final int OFFLINE_MESSAGE = 1024 * 1024;
    private static final int SUCCESS = 0x00;
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int SERVER_UNAVAILABLE = 3;
    /**
     * The flooder's last read, which waits undecoded while it does not read its SUBACKs: counted as being received,
     * which the budget bounds on its own, beside what it holds.
     */
    private static final long HELD_READ = 8 * 1024;
    private static final int CLOSED = -1;
    private static final int MAX_FLOOD_CONNECTIONS = 5000;
    private static final int MAX_FLOOD_SESSIONS = 100_000;
    private static final int SESSION_FLOOD_THREADS = 4;

    private final ForkedBroker broker = ForkedBroker.start(HEAP, "--write-timeout", "2");

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void aPingreqFloodFromAClientThatNeverReadsLeavesTheBrokerServingOthers() throws Exception {
        floodAndCheck(repeated(MqttPackets.pingreq(), 32 * 1024));
    }

    @Test
    void aQos1PublishFloodFromAClientThatNeverReadsItsPubacksLeavesTheBrokerServingOthers() throws Exception {
        ByteArrayOutputStream publishes = new ByteArrayOutputStream();
        for (int id = 1; id <= 1000; id++) {
            publishes.writeBytes(MqttPackets.publish("flood", "reading " + id, 1, id, false, false));
        }
        floodAndCheck(publishes.toByteArray());
    }

    @Test
    void aFloodOfSubscriptionsToNewFiltersFromAClientThatNeverReadsLeavesTheBrokerServingOthers() throws Exception {
        floodAndCheck(SUBSCRIPTION_FLOOD_LIMIT_TIME, round -> {
            ByteArrayOutputStream subscribes = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                subscribes.writeBytes(MqttPackets.subscribe(i + 1, "flood/" + round + "/" + i, 1));
            }
            return subscribes.toByteArray();
        });
        assertThat(broker.awaitSys("memory/used", used -> true)).as("subscriptions held within the budget")
                .isLessThanOrEqualTo(broker.awaitSys("memory/budget", budget -> true) + HELD_READ);
    }

    @Test
    void fifteenMegabyteMessagesForAStalledQos1SubscriberAreAcknowledgedOrRefusedNeverLeftHanging() {
        try (NeverReadingClient stalled = NeverReadingClient.connect(broker.port(),
                ConnectPacket.mqtt311("stalled").cleanSession(false).build())) {
            stalled.send(MqttPackets.subscribe(1, "big", 1));
            broker.awaitSys("subscriptions/count", count -> count >= 1);
            byte[] payload = new byte[BIG_MESSAGE];

            try (RawMqttClient v3 = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher-3"))) {
                for (int id = 1; id <= 3; id++) {
                    v3.send(MqttPackets.publish("big", payload, 1, id));
                    assertThat(v3.expect(Packet.PUBACK).packetId()).isEqualTo(id);
                }
            }
            try (RawMqtt5Client v5 = RawMqtt5Client.connect(broker.port(),
                    RawMqtt5Client.connectPacket("publisher-5"))) {
                for (int id = 1; id <= 3; id++) {
                    v5.send(MqttMessageBuilders.publish().topicName("big").qos(MqttQoS.AT_LEAST_ONCE).messageId(id)
                            .payload(Unpooled.wrappedBuffer(payload)).build());
                    assertThat(RawMqtt5Client.reasonCode(v5.expect(MqttMessageType.PUBACK)))
                            .isIn(SUCCESS, QUOTA_EXCEEDED);
                }
            }
        }
        assertThat(broker.awaitSys("publish/messages/dropped/memory-budget-exceeded", dropped -> dropped > 0))
                .as("messages for the stalled subscriber dropped, each counted").isPositive();
        assertThat(broker.awaitSys("publish/messages/refused", refused -> refused > 0))
                .as("MQTT 5 publishes refused with 0x97, each counted").isPositive();
        assertServing();
    }

    @Test
    void oneMegabyteMessagesForAnOfflinePersistentSessionAreAllAcknowledgedAndTheSurplusDropped() {
        try (RawMqttClient away = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("away").cleanSession(false))) {
            away.send(MqttPackets.subscribe(1, "offline", 1));
            away.expect(Packet.SUBACK);
        }
        broker.awaitSys("clients/connected", connected -> connected == 1);
        byte[] payload = new byte[OFFLINE_MESSAGE];
        int published = 96;

        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            for (int id = 1; id <= published; id++) {
                publisher.send(MqttPackets.publish("offline", payload, 1, id));
                assertThat(publisher.expect(Packet.PUBACK).packetId()).isEqualTo(id);
            }
        }

        broker.awaitSys("messages/received", received -> received == published);
        long dropped = broker.awaitSys("publish/messages/dropped/memory-budget-exceeded", count -> true);
        long stored = broker.awaitSys("store/messages/count", count -> true);
        assertThat(dropped).as("the surplus dropped, each counted").isPositive();
        assertThat(stored + dropped).as("every message queued or dropped").isEqualTo(published);
        assertThat(broker.awaitSys("store/messages/bytes", bytes -> true)).as("queued bytes within the budget")
                .isPositive().isLessThanOrEqualTo(broker.awaitSys("memory/budget", bytes -> true));
        try (RawMqttClient back = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("away").cleanSession(false))) {
            assertThat(back.expect(Packet.PUBLISH).topic()).as("the queue is delivered").isEqualTo("offline");
        }
        assertServing();
    }

    @Test
    void oneMegabyteRetainedMessagesOnNewTopicsAreAllAcknowledgedAndTheSurplusNotKept() {
        byte[] payload = new byte[OFFLINE_MESSAGE];
        int published = 96;

        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            for (int id = 1; id <= published; id++) {
                publisher.send(MqttPackets.publish("retained/" + id, payload, 1, id, true));
                assertThat(publisher.expect(Packet.PUBACK).packetId()).isEqualTo(id);
            }
        }

        broker.awaitSys("messages/received", received -> received == published);
        long kept = broker.awaitSys("retained messages/count", count -> true);
        long dropped = broker.awaitSys("publish/messages/dropped/memory-budget-exceeded", count -> true);
        assertThat(dropped).as("the retained copies not kept, each counted").isPositive();
        assertThat(kept).as("retained messages kept, besides the $SYS ones").isLessThan(published);
        assertServing();
    }

    @Test
    void aFloodOfConnectionsIsClosedAtAcceptBeforeTheHeapRunsOutAndConnectedClientsAreStillServed() {
        List<RawMqttClient> flood = new ArrayList<>();
        try (RawMqttClient bystander = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("bystander"))) {
            bystander.send(MqttPackets.subscribe(1, "bystander/echo", 1));
            bystander.expect(Packet.SUBACK);
            int accepted = 0;
            int code = SUCCESS;
            while (code == SUCCESS && accepted < MAX_FLOOD_CONNECTIONS) {
                RawMqttClient client = RawMqttClient.open(broker.port());
                flood.add(client);
                code = connackCode(client, ConnectPacket.mqtt311("flood-" + accepted));
                accepted += code == SUCCESS ? 1 : 0;
            }
            assertThat(code).as("closed at accept, without CONNACK").isEqualTo(CLOSED);
            assertThat(accepted).as("connections accepted before one was closed").isGreaterThan(1000);

            bystander.send(MqttPackets.publish("bystander/echo", "still served", 1, 2, false, false));
            assertThat(List.of(bystander.read().type(), bystander.read().type()))
                    .containsExactlyInAnyOrder(Packet.PUBACK, Packet.PUBLISH);
        } finally {
            flood.forEach(RawMqttClient::close);
        }
        Await.until("the flood's room is given back", this::acceptsConnections);
        assertServing();
    }

    @Test
    void aFloodOfNewPersistentSessionsIsRefusedOnceTheBudgetIsFullAndOthersAreStillServed() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        Set<Integer> refusals = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(SESSION_FLOOD_THREADS);
        try {
            List<Future<?>> flooders = new ArrayList<>();
            for (int t = 0; t < SESSION_FLOOD_THREADS; t++) {
                flooders.add(clients.submit(() -> {
                    while (refusals.isEmpty() && ids.get() < MAX_FLOOD_SESSIONS) {
                        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
                            int code = connackCode(client, ConnectPacket.mqtt311("keep-" + ids.incrementAndGet())
                                    .cleanSession(false));
                            if (code == SUCCESS) {
                                kept.incrementAndGet();
                            } else {
                                refusals.add(code);
                            }
                        }
                    }
                }));
            }
            for (Future<?> flooder : flooders) {
                flooder.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(refusals).as("3.1.1: server unavailable once the budget is full").containsOnly(SERVER_UNAVAILABLE);

        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 3600));
        try (RawMqtt5Client v5 = RawMqtt5Client.open(broker.port())) {
            assertThat(v5.connack(RawMqtt5Client.connectPacket("keep-v5").properties(expiry)).variableHeader()
                    .connectReturnCode().byteValue() & 0xFF).as("5.0: quota exceeded").isEqualTo(QUOTA_EXCEEDED);
        }
        assertThat(broker.awaitSys("memory/used", used -> true)).as("sessions held within the budget")
                .isLessThanOrEqualTo(broker.awaitSys("memory/budget", budget -> true));
        int accepted = kept.get();
        assertThat(broker.awaitSys("clients/total", total -> total >= accepted)).as("sessions kept, once $SYS has "
                + "published them").isGreaterThanOrEqualTo(accepted);
        assertServing();
    }

    private static int connackCode(RawMqttClient client, ConnectPacket connect) {
        try {
            client.send(connect.build());
            return client.expect(Packet.CONNACK).connackCode();
        } catch (AssertionError | RuntimeException closedAtAccept) {
            return CLOSED;
        }
    }

    private boolean acceptsConnections() {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            return connackCode(client, ConnectPacket.mqtt311("probe")) == SUCCESS;
        }
    }

    private void floodAndCheck(byte[] packets) throws Exception {
        floodAndCheck(FLOOD_LIMIT_TIME, round -> packets);
    }

    private void floodAndCheck(Duration limit, IntFunction<byte[]> packets) throws Exception {
        try (NeverReadingClient flooder = NeverReadingClient.connect(broker.port(),
                ConnectPacket.mqtt311("flooder").build())) {
            CompletableFuture<Void> flood = flooder.flood(packets, FLOOD_LIMIT_BYTES, limit);
            RoundTrip.qos1(broker.port(), "during-the-flood");
            try {
                flood.get(limit.toSeconds() + 1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException cutOrHeldBack) {
                // The broker cut the flooder, or is holding its writer in a write it reads slowly: both are fine,
                // and closing the socket ends the writer.
            }
        }
        assertServing();
    }

    private void assertServing() {
        RoundTrip.qos1(broker.port(), "well-behaved");
        assertThat(broker.isAlive()).as("the broker's JVM is alive").isTrue();
        assertThat(broker.output()).doesNotContain("OutOfMemoryError");
    }

    private static byte[] repeated(byte[] packet, int times) {
        byte[] all = new byte[packet.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(packet, 0, all, i * packet.length, packet.length);
        }
        return all;
    }
}
