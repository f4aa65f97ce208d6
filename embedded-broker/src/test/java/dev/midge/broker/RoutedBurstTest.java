package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts: the broker holds back flushing while it routes what one read from a publisher brought, so a burst leaves
 * for each subscriber in a few large writes. Subscribers that keep reading still get every message, in order, and
 * none is taken for a slow consumer.
 */
class RoutedBurstTest {

    private static final int BURST = 20_000;
    private static final int SUBSCRIBERS = 3;

    private final Broker broker = Broker.builder().port(0).start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void aBurstOfQos0MessagesReachesEverySubscriberWholeAndInOrder() throws Exception {
        List<CompletableFuture<Void>> readers = new ArrayList<>();
        List<RawMqttClient> subscribers = new ArrayList<>();
        try (RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pub"))) {
            for (int s = 0; s < SUBSCRIBERS; s++) {
                RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("sub" + s));
                subscribers.add(subscriber);
                subscriber.send(MqttPackets.subscribe(1, "burst", 0));
                subscriber.expect(Packet.SUBACK);
                readers.add(CompletableFuture.runAsync(() -> readInOrder(subscriber)));
            }
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < BURST; i++) {
                burst.writeBytes(MqttPackets.publish("burst", "m" + i));
            }
            publisher.send(burst.toByteArray());

            CompletableFuture.allOf(readers.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        } finally {
            subscribers.forEach(RawMqttClient::close);
        }
        assertThat(events.all(BrokerEvent.MessageDropped.class)).isEmpty();
    }

    private static void readInOrder(RawMqttClient subscriber) {
        for (int i = 0; i < BURST; i++) {
            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("m" + i);
        }
    }
}
