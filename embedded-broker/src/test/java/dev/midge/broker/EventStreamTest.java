package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream tells what the broker did, in the order it happened, with causes before their effects.
 */
class EventStreamTest {

    private final Broker broker = Broker.builder().port(0).authorizer(new Authorizer() {
        @Override
        public boolean canPublish(String clientId, String username, String topic) {
            return true;
        }

        @Override
        public boolean canSubscribe(String clientId, String username, String filter) {
            return !filter.startsWith("secret/");
        }
    }).start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void aSubscribePublishWillAndDisconnectFlowIsReportedInOrder() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("sub").keepAliveSeconds(30))) {
            subscriber.send(MqttPackets.subscribe(1, "t/#", 1));
            subscriber.expect(Packet.SUBACK);

            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub")
                    .credentials("alice", "pw").will("t/will", "gone", 0, false))) {
                publisher.send(MqttPackets.publish("t/data", "hello", 1, 1, false, false));
                publisher.expect(Packet.PUBACK);
            }
            Packet hello = subscriber.expect(Packet.PUBLISH);
            subscriber.send(MqttPackets.puback(hello.packetId()));
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("gone");
            subscriber.send(MqttPackets.disconnect());
            subscriber.awaitClosed(Duration.ofSeconds(5));
        }
        events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("sub"));

        List<BrokerEvent> all = events.all();
        assertThat(summaries(all)).containsExactly(
                "ClientConnected sub",
                "Subscribed sub",
                "ClientConnected pub",
                "MessagePublished pub",
                "MessageDelivered sub",
                "ClientDisconnected pub",
                "WillPublished pub",
                "MessageDelivered sub",
                "ClientDisconnected sub");

        BrokerEvent.ClientConnected sub = (BrokerEvent.ClientConnected) all.get(0);
        assertThat(sub.protocolVersion()).isEqualTo(4);
        assertThat(sub.cleanStart()).isTrue();
        assertThat(sub.sessionPresent()).isFalse();
        assertThat(sub.transport()).isEqualTo(Transport.TCP);
        assertThat(sub.keepAliveSeconds()).isEqualTo(30);
        assertThat(((BrokerEvent.ClientConnected) all.get(2)).username()).isEqualTo("alice");

        BrokerEvent.Subscribed subscribed = (BrokerEvent.Subscribed) all.get(1);
        assertThat(subscribed.filter()).isEqualTo("t/#");
        assertThat(subscribed.requestedQos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(subscribed.grantedQos()).isEqualTo(QoS.AT_LEAST_ONCE);

        BrokerEvent.MessagePublished published = (BrokerEvent.MessagePublished) all.get(3);
        assertThat(published.message().topic()).isEqualTo("t/data");
        assertThat(published.message().payloadAsString()).isEqualTo("hello");
        assertThat(published.subscribers()).isEqualTo(1);

        BrokerEvent.MessageDelivered delivered = (BrokerEvent.MessageDelivered) all.get(4);
        assertThat(delivered.message().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(delivered.duplicate()).isFalse();

        assertThat(((BrokerEvent.ClientDisconnected) all.get(5)).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        BrokerEvent.WillPublished will = (BrokerEvent.WillPublished) all.get(6);
        assertThat(will.message().topic()).isEqualTo("t/will");
        assertThat(will.subscribers()).isEqualTo(1);
        assertThat(((BrokerEvent.MessageDelivered) all.get(7)).message().qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(((BrokerEvent.ClientDisconnected) all.get(8)).reason())
                .isEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
        assertThat(all).extracting(BrokerEvent::time).isSorted();
    }

    @Test
    void refusalsDropsAndUnsubscribesAreReportedToo() {
        broker.refuseNextConnects(ConnectCode.NOT_AUTHORIZED, 1);
        try (RawMqttClient refused = RawMqttClient.open(broker.port())) {
            refused.send(ConnectPacket.mqtt311("refused").build());
            assertThat(refused.expect(Packet.CONNACK).connackCode()).isEqualTo(5);
        }
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.subscribe(1, new String[]{"secret/#", "t"}, new int[]{0, 0}));
            client.expect(Packet.SUBACK);
            client.send(MqttPackets.unsubscribe(2, "t"));
            client.expect(Packet.UNSUBACK);
            broker.publish(Message.of("t", "nobody"));
        }

        assertThat(summaries(events.all())).startsWith(
                "ConnectionRefused refused",
                "ClientConnected c1",
                "SubscriptionRefused c1",
                "Subscribed c1",
                "Unsubscribed c1",
                "MessagePublished null");
        assertThat(events.all(BrokerEvent.MessagePublished.class).get(0).subscribers()).isZero();
    }

    @Test
    void aClosedRegistrationReceivesNothingMore() {
        List<BrokerEvent> seen = new ArrayList<>();
        BrokerEvents.Registration registration = broker.events().subscribe(seen::add);
        broker.publish(Message.of("t", "one"));
        registration.close();
        registration.close();
        broker.publish(Message.of("t", "two"));

        assertThat(seen).hasSize(1);
        assertThat(events.all(BrokerEvent.MessagePublished.class)).hasSize(2);
    }

    @Test
    void everyEventComesFromTheBrokersOneThreadWhateverTheTransport() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Broker both = Broker.builder().port(0).websocketPort(0).start();
             EventRecorder recorder = EventRecorder.on(both);
             PahoClients overWebSocket = new PahoClients(both.websocketUri())) {
            both.events().subscribe(event -> threads.add(Thread.currentThread().getName()));
            for (int i = 0; i < 4; i++) {
                try (RawMqttClient tcp = RawMqttClient.connect(both.port(), ConnectPacket.mqtt311("tcp-" + i))) {
                    tcp.send(MqttPackets.subscribe(1, "t", 0));
                    tcp.expect(Packet.SUBACK);
                }
            }
            overWebSocket.connect("ws", new MessageCollector()).subscribe("t", 0);
            both.publish(Message.of("t", "from the api"));
            recorder.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("tcp-3"));

            assertThat(recorder.all(BrokerEvent.MessageDelivered.class)).hasSize(1);
        }
        assertThat(threads).hasSize(1);
    }

    private static List<String> summaries(List<BrokerEvent> events) {
        List<String> summaries = new ArrayList<>();
        for (BrokerEvent event : events) {
            summaries.add(event.getClass().getSimpleName() + " " + event.clientId());
        }
        return summaries;
    }
}
