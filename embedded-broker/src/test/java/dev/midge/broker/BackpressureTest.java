package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.NeverReadingClient;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure: whatever the broker owes a connection counts against that connection's buffer; above its high-water
 * mark the broker stops reading from it, and a client that stays there for the write timeout is disconnected.
 * Messages for a subscriber that cannot take more wait in its session and follow once it reads again.
 */
class BackpressureTest {

    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(500);
    private static final long FLOOD_LIMIT_BYTES = 1L << 30;
    private static final Duration FLOOD_LIMIT_TIME = Duration.ofSeconds(10);
    private static final int MAX_MESSAGES = 500;

    @Test
    void aPingreqFloodFromAClientThatNeverReadsDoesNotStopOthers() throws Exception {
        try (Broker broker = Broker.builder().port(0).start();
             NeverReadingClient flooder = NeverReadingClient.connect(broker.port(),
                     ConnectPacket.mqtt311("flooder").build())) {
            CompletableFuture<Void> flood = flooder.flood(repeated(MqttPackets.pingreq(), 32 * 1024),
                    FLOOD_LIMIT_BYTES, FLOOD_LIMIT_TIME);

            RoundTrip.qos1(broker.port(), "well-behaved");

            assertThat(flood).as("still flooding while the other client was served").isNotDone();
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsCutAfterTheWriteTimeoutAndItsWillIsPublished() {
        byte[] payload = new byte[1024 * 1024];
        try (Broker broker = Broker.builder().port(0).writeTimeout(WRITE_TIMEOUT).start();
             EventRecorder events = EventRecorder.on(broker);
             NeverReadingClient subscriber = NeverReadingClient.connect(broker.port(),
                     ConnectPacket.mqtt311("stuck").will("status/stuck", "gone", 0, false).build())) {
            subscriber.send(MqttPackets.subscribe(1, "firehose", 0));
            events.await(BrokerEvent.Subscribed.class, e -> e.clientId().equals("stuck"));

            long deadline = System.nanoTime() + FLOOD_LIMIT_TIME.toNanos();
            for (int i = 0; i < MAX_MESSAGES && System.nanoTime() - deadline < 0
                    && broker.connectedClients().contains("stuck"); i++) {
                broker.publish(new Message("firehose", payload, QoS.AT_MOST_ONCE, false, MessageProperties.NONE));
            }

            BrokerEvent.ClientDisconnected cut = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("stuck"));
            assertThat(cut.reason()).isEqualTo(DisconnectReason.WRITE_TIMEOUT);
            assertThat(events.await(BrokerEvent.WillPublished.class, e -> e.clientId().equals("stuck"))
                    .message().topic()).isEqualTo("status/stuck");
            assertThat(events.all(BrokerEvent.MessageDropped.class)).as("QoS 0 messages it could not take")
                    .isNotEmpty().allMatch(e -> e.reason() == DropReason.SLOW_CONSUMER);
            assertThat(broker.statistics().messagesDroppedByReason().get(DropReason.SLOW_CONSUMER))
                    .isEqualTo(events.all(BrokerEvent.MessageDropped.class).size());
        }
    }

    @Test
    void aClientThatReadsItsAnswersLateIsReadAgainAndAnsweredInFull() throws Exception {
        int pings = 500_000;
        try (Broker broker = Broker.builder().port(0).start();
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("catching-up"))) {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> client.send(MqttPackets.concat(
                    repeated(MqttPackets.pingreq(), pings), MqttPackets.subscribe(1, "after", 0))));

            for (int i = 0; i < pings; i++) {
                client.expect(Packet.PINGRESP);
            }
            assertThat(client.expect(Packet.SUBACK).packetId()).as("the packet after the held-back ones").isEqualTo(1);
            sending.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void messagesForAQos1SubscriberThatStoppedReadingWaitInItsSessionAndFollowWhenItReads() {
        int count = 48;
        byte[] payload = new byte[256 * 1024];
        try (Broker broker = Broker.builder().port(0).maxInflightMessages(count).start();
             RawMqttClient subscriber = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("slow").cleanSession(false))) {
            subscriber.send(MqttPackets.subscribe(1, "big", 1));
            subscriber.expect(Packet.SUBACK);
            for (int i = 0; i < count; i++) {
                payload[0] = (byte) i;
                broker.publish(new Message("big", payload.clone(), QoS.AT_LEAST_ONCE, false,
                        MessageProperties.NONE));
            }

            BrokerStatistics whileStalled = broker.statistics();
            assertThat(whileStalled.queuedMessages()).as("held back although the in-flight window has room")
                    .isPositive();
            assertThat(whileStalled.queuedMessages() + whileStalled.inflightMessages()).isEqualTo(count);

            for (int i = 0; i < count; i++) {
                Packet message = subscriber.expect(Packet.PUBLISH);
                assertThat(message.body()[message.body().length - payload.length]).isEqualTo((byte) i);
                subscriber.send(MqttPackets.puback(message.packetId()));
            }
            subscriber.ping();
            assertThat(broker.statistics().messagesDropped()).isZero();
        }
    }

    private static byte[] repeated(byte[] packet, int times) {
        byte[] all = new byte[packet.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(packet, 0, all, i * packet.length, packet.length);
        }
        return all;
    }
}
