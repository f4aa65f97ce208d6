package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A subscriber that stops acknowledging gets no more than the in-flight window, and its queue is bounded: a full
 * queue drops the newest message and reports it.
 */
class FlowControlTest {

    private static final String MARKER = "marker";

    @Test
    void noMoreThanMaxInflightMessagesAwaitAcknowledgementAtOnce() {
        try (Broker broker = Broker.builder().port(0).maxInflightMessages(3).start();
             RawMqttClient subscriber = subscriber(broker, ConnectPacket.mqtt311("sub"))) {
            for (int i = 1; i <= 5; i++) {
                broker.publish(message("m" + i));
            }
            broker.publish(Message.of(MARKER, "end"));

            List<Packet> beforeMarker = new ArrayList<>();
            for (Packet p = subscriber.expect(Packet.PUBLISH); !p.topic().equals(MARKER);
                 p = subscriber.expect(Packet.PUBLISH)) {
                beforeMarker.add(p);
            }
            assertThat(beforeMarker).extracting(Packet::payloadAsString).containsExactly("m1", "m2", "m3");

            subscriber.send(MqttPackets.puback(beforeMarker.get(0).packetId()));
            Packet m4 = subscriber.expect(Packet.PUBLISH);
            assertThat(m4.payloadAsString()).isEqualTo("m4");
            subscriber.send(MqttPackets.puback(beforeMarker.get(1).packetId()));
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("m5");
        }
    }

    @Test
    void aFullQueueDropsTheNewestMessagesAndReportsThemAsQueueFull() {
        try (Broker broker = Broker.builder().port(0).maxInflightMessages(1).maxQueuedMessages(2).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqttClient subscriber = subscriber(broker, ConnectPacket.mqtt311("sub"))) {
            for (int i = 1; i <= 5; i++) {
                broker.publish(message("m" + i));
            }

            assertThat(events.all(BrokerEvent.MessageDropped.class))
                    .extracting(e -> e.message().payloadAsString(), BrokerEvent.MessageDropped::reason)
                    .containsExactly(tuple("m4", DropReason.QUEUE_FULL),
                            tuple("m5", DropReason.QUEUE_FULL));
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Packet publish = subscriber.expect(Packet.PUBLISH);
                delivered.add(publish.payloadAsString());
                subscriber.send(MqttPackets.puback(publish.packetId()));
            }
            broker.publish(Message.of(MARKER, "end"));
            assertThat(subscriber.expect(Packet.PUBLISH).topic()).isEqualTo(MARKER);
            assertThat(delivered).containsExactly("m1", "m2", "m3");
        }
    }

    @Test
    void theQueueOfAnOfflineSessionIsBoundedToo() {
        ConnectPacket persistent = ConnectPacket.mqtt311("sub").cleanSession(false);
        try (Broker broker = Broker.builder().port(0).maxQueuedMessages(2).start();
             EventRecorder events = EventRecorder.on(broker)) {
            subscriber(broker, persistent).close();
            Await.until("the subscriber is offline", () -> broker.connectedClients().isEmpty());
            for (int i = 1; i <= 3; i++) {
                broker.publish(message("m" + i));
            }
            assertThat(events.await(BrokerEvent.MessageDropped.class, e -> true).message().payloadAsString())
                    .isEqualTo("m3");

            try (RawMqttClient back = RawMqttClient.connect(broker.port(), persistent)) {
                assertThat(back.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("m1");
                assertThat(back.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("m2");
                broker.publish(Message.of(MARKER, "end"));
                assertThat(back.expect(Packet.PUBLISH).topic()).isEqualTo(MARKER);
            }
        }
    }

    private static RawMqttClient subscriber(Broker broker, ConnectPacket connect) {
        RawMqttClient subscriber = RawMqttClient.connect(broker.port(), connect);
        subscriber.send(MqttPackets.subscribe(1, new String[]{"t", MARKER}, new int[]{1, 0}));
        subscriber.expect(Packet.SUBACK);
        return subscriber;
    }

    private static Message message(String payload) {
        return new Message("t", payload.getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false, null);
    }
}
