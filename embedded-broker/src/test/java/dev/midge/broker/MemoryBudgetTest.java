package dev.midge.broker;

import dev.midge.broker.internal.MemoryBudget;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory bounds: a session queues within its message and byte bounds, all sessions' messages and subscriptions and
 * the retained messages together within the broker's memory budget. What does not fit is dropped and reported, or refused to an MQTT 5 publisher with 0x97 (quota
 * exceeded); a packet the budget has no room to receive ends its connection.
 */
class MemoryBudgetTest {

    private static final int PAYLOAD = 1000;
    private static final String TOPIC = "data";
    private static final long COST = PAYLOAD + TOPIC.length();
    private static final long SUBSCRIPTION = MemoryBudget.subscriptionCost(TOPIC);
    private static final long SESSION = MemoryBudget.sessionCost("away");
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int V3_SUBSCRIBE_FAILURE = 0x80;

    @Test
    void anOfflineSessionQueuesWithinItsByteBoundAndDropsTheNewestAsQueueFull() {
        try (Broker broker = Broker.builder().port(0).maxQueuedBytes(3 * COST - 1).start();
             EventRecorder events = EventRecorder.on(broker)) {
            offlineSubscriber(broker, "away");

            for (int i = 1; i <= 5; i++) {
                broker.publish(message(i));
            }

            assertThat(events.all(BrokerEvent.MessageDropped.class))
                    .extracting(e -> (int) e.message().payload()[0], BrokerEvent.MessageDropped::reason)
                    .containsExactly(dropped(3, DropReason.QUEUE_FULL), dropped(4, DropReason.QUEUE_FULL),
                            dropped(5, DropReason.QUEUE_FULL));
            BrokerStatistics statistics = broker.statistics();
            assertThat(statistics.queuedMessages()).isEqualTo(2);
            assertThat(statistics.queuedBytes()).isEqualTo(2 * COST)
                    .isEqualTo(statistics.memoryUsed() - SUBSCRIPTION - SESSION);
            assertThat(statistics.messagesDroppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(3);
        }
    }

    @Test
    void whenTheBudgetIsFullAnMqtt3PublisherIsAcknowledgedAndTheMessageDroppedForTheSessionThatWouldQueueIt() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(4 * COST + SUBSCRIPTION + SESSION).start();
             EventRecorder events = EventRecorder.on(broker)) {
            offlineSubscriber(broker, "away");
            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
                for (int i = 1; i <= 6; i++) {
                    publisher.send(MqttPackets.publish(TOPIC, payload(i), 1, i));
                    assertThat(publisher.expect(Packet.PUBACK).packetId()).isEqualTo(i);
                }
            }

            assertThat(events.all(BrokerEvent.MessageDropped.class))
                    .extracting(e -> (int) e.message().payload()[0], BrokerEvent.MessageDropped::reason)
                    .containsExactly(dropped(5, DropReason.MEMORY_BUDGET_EXCEEDED),
                            dropped(6, DropReason.MEMORY_BUDGET_EXCEEDED));
            BrokerStatistics statistics = broker.statistics();
            assertThat(statistics.memoryUsed()).isEqualTo(4 * COST + SUBSCRIPTION + SESSION)
                    .isEqualTo(statistics.memoryBudget());
            assertThat(statistics.messagesDroppedByReason().get(DropReason.MEMORY_BUDGET_EXCEEDED)).isEqualTo(2);
        }
    }

    /** MQTT 5.0 §3.4.2.1 and §3.5.2.1: 0x97 (quota exceeded) is a PUBACK and a PUBREC reason code. */
    @Test
    void whenTheBudgetIsFullAnMqtt5PublisherIsRefusedWithQuotaExceededAndNothingIsRouted() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(2 * COST + SUBSCRIPTION + SESSION).start();
             EventRecorder events = EventRecorder.on(broker)) {
            offlineSubscriber(broker, "away");
            try (RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(),
                    RawMqtt5Client.connectPacket("pub5"))) {
                for (int i = 1; i <= 2; i++) {
                    publisher.send(publish(i, MqttQoS.AT_LEAST_ONCE));
                    assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK))).isZero();
                }
                publisher.send(publish(3, MqttQoS.AT_LEAST_ONCE));
                assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBACK)))
                        .isEqualTo(QUOTA_EXCEEDED);
                publisher.send(publish(4, MqttQoS.EXACTLY_ONCE));
                assertThat(RawMqtt5Client.reasonCode(publisher.expect(MqttMessageType.PUBREC)))
                        .isEqualTo(QUOTA_EXCEEDED);
                publisher.ping();
            }

            assertThat(events.all(BrokerEvent.MessagePublished.class)).as("refused messages are not routed")
                    .hasSize(2);
            assertThat(events.all(BrokerEvent.MessageDropped.class)).isEmpty();
            BrokerStatistics statistics = broker.statistics();
            assertThat(statistics.messagesRefused()).isEqualTo(2);
            assertThat(statistics.queuedMessages()).isEqualTo(2);
        }
    }

    @Test
    void aPacketTooLargeForTheBudgetEndsItsConnectionWithQuotaExceeded() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(COST / 2).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client publisher = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("big"))) {
            publisher.send(publish(1, MqttQoS.AT_MOST_ONCE));

            assertThat(publisher.awaitDisconnect(Duration.ofSeconds(5))).isEqualTo(QUOTA_EXCEEDED);
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("big")).reason())
                    .isEqualTo(DisconnectReason.QUOTA_EXCEEDED);
            assertThat(broker.statistics().memoryUsed()).as("the packet's claim is given back").isZero();
        }
    }

    @Test
    void acknowledgedAndExpiredSessionsGiveTheirBytesBack() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(10 * COST).start()) {
            try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("reader"))) {
                subscriber.send(MqttPackets.subscribe(1, TOPIC, 1));
                subscriber.expect(Packet.SUBACK);
                broker.publish(message(1));
                Packet delivered = subscriber.expect(Packet.PUBLISH);
                assertThat(broker.statistics().inflightBytes()).isEqualTo(COST);

                subscriber.send(MqttPackets.puback(delivered.packetId()));
                subscriber.ping();
                assertThat(broker.statistics().memoryUsed()).as("its subscription is left").isEqualTo(SUBSCRIPTION);
            }
            Await.until("the clean session has ended", () -> broker.statistics().memoryUsed() == 0);
            offlineSubscriber(broker, "away");
            broker.publish(message(2));
            assertThat(broker.statistics().memoryUsed()).isEqualTo(SESSION + SUBSCRIPTION + COST);

            broker.clearSessions();
            assertThat(broker.statistics().memoryUsed()).isZero();
        }
    }

    @Test
    void aRetainedMessageTheBudgetHasNoRoomForIsDeliveredButNotKept() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(MemoryBudget.subscriptionCost("#") + COST).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqttClient live = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("live"))) {
            live.send(MqttPackets.subscribe(1, "#", 0));
            live.expect(Packet.SUBACK);

            broker.publish(retained(TOPIC, 1));
            broker.publish(retained("other", 2));

            assertThat(live.expect(Packet.PUBLISH).topic()).isEqualTo(TOPIC);
            assertThat(live.expect(Packet.PUBLISH).topic()).as("delivered although not kept").isEqualTo("other");
            assertThat(broker.retainedMessages()).extracting(Message::topic).containsExactly(TOPIC);
            BrokerEvent.MessageDropped dropped = events.await(BrokerEvent.MessageDropped.class, e -> true);
            assertThat(dropped.clientId()).as("the retained copy, not a subscriber's").isNull();
            assertThat(dropped.reason()).isEqualTo(DropReason.MEMORY_BUDGET_EXCEEDED);

            broker.publish(retained(TOPIC, 3));
            assertThat(broker.retainedMessages()).as("a replacement takes the room of the one it replaces")
                    .extracting(m -> (int) m.payload()[0]).containsExactly(3);
            assertThat(broker.statistics().messagesDroppedByReason().get(DropReason.MEMORY_BUDGET_EXCEEDED))
                    .isEqualTo(1);
        }
    }

    /** MQTT 5.0 §3.9.3: 0x97 (quota exceeded) is a SUBACK reason code; MQTT 3.1.1 has only 0x80 (failure). */
    @Test
    void aSubscriptionTheBudgetHasNoRoomForIsRefusedAndGrantedOnceRoomIsMade() {
        try (Broker broker = Broker.builder().port(0).memoryBudget(MemoryBudget.subscriptionCost("a")).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqttClient v3 = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("v3"));
             RawMqtt5Client v5 = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("v5"))) {
            v3.send(MqttPackets.subscribe(1, "a", 1));
            assertThat(v3.expect(Packet.SUBACK).subackCodes()).containsExactly(1);
            v3.send(MqttPackets.subscribe(2, "b", 1));
            assertThat(v3.expect(Packet.SUBACK).subackCodes()).containsExactly(V3_SUBSCRIBE_FAILURE);
            v5.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "b").build());
            assertThat(((MqttSubAckMessage) v5.expect(MqttMessageType.SUBACK)).payload().reasonCodes())
                    .containsExactly(QUOTA_EXCEEDED);
            v3.send(MqttPackets.subscribe(3, "a", 0));
            assertThat(v3.expect(Packet.SUBACK).subackCodes()).as("replacing takes no more room").containsExactly(0);

            v3.send(MqttPackets.unsubscribe(4, "a"));
            v3.expect(Packet.UNSUBACK);
            v5.send(MqttMessageBuilders.subscribe().messageId(2).addSubscription(MqttQoS.AT_LEAST_ONCE, "b").build());
            assertThat(((MqttSubAckMessage) v5.expect(MqttMessageType.SUBACK)).payload().reasonCodes())
                    .containsExactly(1);
            assertThat(events.all(BrokerEvent.SubscriptionRefused.class)).hasSize(2);
        }
    }

    @Test
    void aPersistentSessionTheBudgetHasNoRoomForIsRefusedAndAcceptedOnceRoomIsMade() {
        long budget = MemoryBudget.sessionCost("keep-1") + MemoryBudget.sessionCost("keep-2");
        try (Broker broker = Broker.builder().port(0).memoryBudget(budget).start();
             EventRecorder events = EventRecorder.on(broker)) {
            for (String id : new String[]{"keep-1", "keep-2"}) {
                RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311(id).cleanSession(false)).close();
            }

            try (RawMqttClient third = RawMqttClient.open(broker.port())) {
                third.send(ConnectPacket.mqtt311("keep-3").cleanSession(false).build());
                assertThat(third.expect(Packet.CONNACK).connackCode()).as("3.1.1: server unavailable").isEqualTo(3);
            }
            assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> e.clientId().equals("keep-3")).code())
                    .isEqualTo(ConnectCode.QUOTA_EXCEEDED);
            RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("clean")).close();
            Await.until("the clean session, which needed no room, has ended",
                    () -> broker.statistics().sessions() == 2);

            RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("keep-1")).close();
            Await.until("keep-1's session has ended", () -> broker.statistics().sessions() == 1);
            RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("keep-3").cleanSession(false)).close();
            assertThat(broker.statistics().memoryUsed()).isEqualTo(MemoryBudget.sessionCost("keep-2")
                    + MemoryBudget.sessionCost("keep-3"));
        }
    }

    private static void offlineSubscriber(Broker broker, String clientId) {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311(clientId).cleanSession(false))) {
            client.send(MqttPackets.subscribe(1, TOPIC, 1));
            client.expect(Packet.SUBACK);
        }
        Await.until(clientId + " is offline", () -> !broker.connectedClients().contains(clientId));
    }

    private static Message message(int index) {
        return new Message(TOPIC, payload(index), QoS.AT_LEAST_ONCE, false, MessageProperties.NONE);
    }

    private static Message retained(String topic, int index) {
        return new Message(topic, payload(index), QoS.AT_MOST_ONCE, true, MessageProperties.NONE);
    }

    private static byte[] payload(int index) {
        byte[] payload = new byte[PAYLOAD];
        payload[0] = (byte) index;
        return payload;
    }

    private static MqttMessage publish(int index, MqttQoS qos) {
        return MqttMessageBuilders.publish().topicName(TOPIC).qos(qos).messageId(index)
                .payload(Unpooled.wrappedBuffer(payload(index))).build();
    }

    private static Tuple dropped(int index, DropReason reason) {
        return Tuple.tuple(index, reason);
    }
}
