package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.ForkedBroker;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone broker with persistence, killed with SIGKILL ({@code kill -9}) and started again on the same store:
 * every message it acknowledged is delivered, QoS 1 at least once and QoS 2 exactly once (MQTT-4.3.2-2,
 * MQTT-4.3.3-2, MQTT-4.4.0-1). How many kill-and-restart rounds the loop runs comes from the system property
 * {@code midge.crash.repetitions} (3 in the default build, 1,000 with {@code -Pcrash-soak}).
 */
class CrashRecoveryTest {

    private static final int REPETITIONS = Integer.getInteger("midge.crash.repetitions", 3);
    private static final int MAX_MESSAGES_PER_ROUND = 20;

    @TempDir
    Path directory;

    private ForkedBroker broker;

    @AfterEach
    void tearDown() {
        if (broker != null) {
            broker.close();
        }
    }

    private void start() throws IOException {
        Path config = directory.resolve("midge.conf");
        Files.writeString(config, "persistence true\npersistence_location store\n");
        broker = ForkedBroker.start("256m", "--config", config.toString());
    }

    @Test
    void queuedInFlightAwaitingReleaseAndRetainedStateSurvivesAKill() throws IOException {
        start();
        ConnectPacket queuedSession = ConnectPacket.mqtt311("queued").cleanSession(false);
        ConnectPacket inFlightSession = ConnectPacket.mqtt311("in-flight").cleanSession(false);
        ConnectPacket publisherSession = ConnectPacket.mqtt311("publisher").cleanSession(false);
        try (RawMqttClient queued = RawMqttClient.connect(broker.port(), queuedSession)) {
            subscribe(queued, "q/#", 2);
        }
        RawMqttClient inFlight = RawMqttClient.connect(broker.port(), inFlightSession);
        subscribe(inFlight, "f/#", 2);
        RawMqttClient publisher = RawMqttClient.connect(broker.port(), publisherSession);
        publisher.send(MqttPackets.publish("r/state", "kept", 1, 1, false, true));
        publisher.expect(Packet.PUBACK);
        for (int i = 0; i < 5; i++) {
            publisher.send(MqttPackets.publish("q/" + i, "queued " + i, 1, 10 + i, false, false));
            publisher.expect(Packet.PUBACK);
        }
        for (int i = 0; i < 10; i++) {
            publishQos2(publisher, "f/" + i, "in flight " + i, 20 + i);
            assertThat(inFlight.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("in flight " + i);
        }
        publisher.send(MqttPackets.publish("q/once", "once", 2, 40, false, false));
        publisher.expect(Packet.PUBREC);

        broker.kill();
        inFlight.close();
        publisher.close();
        start();

        try (RawMqttClient back = resume(publisherSession)) {
            back.send(MqttPackets.pubrel(40));
            assertThat(back.expect(Packet.PUBCOMP).packetId()).isEqualTo(40);
        }
        try (RawMqttClient back = resume(queuedSession)) {
            assertThat(receive(back, 6)).extracting(Packet::payloadAsString)
                    .containsExactly("queued 0", "queued 1", "queued 2", "queued 3", "queued 4", "once");
        }
        try (RawMqttClient back = resume(inFlightSession)) {
            List<Packet> resent = receive(back, 10);
            assertThat(resent).extracting(Packet::payloadAsString).containsExactly("in flight 0", "in flight 1",
                    "in flight 2", "in flight 3", "in flight 4", "in flight 5", "in flight 6", "in flight 7",
                    "in flight 8", "in flight 9");
            assertThat(resent).as("DUP on redelivery").allMatch(Packet::dup);
        }
        try (RawMqttClient late = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("late"))) {
            late.send(MqttPackets.subscribe(1, "r/#", 1));
            late.expect(Packet.SUBACK);
            Packet retained = late.expect(Packet.PUBLISH);
            assertThat(retained.payloadAsString()).isEqualTo("kept");
            assertThat(retained.retain()).isTrue();
        }
    }

    @Test
    void everyMessageAcknowledgedBeforeAKillInTheMiddleOfTrafficIsDeliveredAfterTheRestart() throws IOException {
        Random random = new Random(REPETITIONS);
        start();
        ConnectPacket sinkSession = ConnectPacket.mqtt311("sink").cleanSession(false);
        try (RawMqttClient sink = RawMqttClient.connect(broker.port(), sinkSession)) {
            subscribe(sink, "load/#", 2);
        }
        Set<String> acknowledgedQos1 = new LinkedHashSet<>();
        Set<String> acknowledgedQos2 = new LinkedHashSet<>();
        List<String> receivedQos1 = new ArrayList<>();
        Map<String, Integer> receivedQos2 = new HashMap<>();
        int next = 0;
        for (int round = 0; round < REPETITIONS; round++) {
            try (RawMqttClient publisher = RawMqttClient.connect(broker.port(),
                    ConnectPacket.mqtt311("publisher"))) {
                int count = 1 + random.nextInt(MAX_MESSAGES_PER_ROUND);
                for (int i = 0; i < count; i++, next++) {
                    String payload = "m" + next;
                    if (next % 2 == 0) {
                        publisher.send(MqttPackets.publish("load/1", payload, 1, 1 + i, false, false));
                        publisher.expect(Packet.PUBACK);
                        acknowledgedQos1.add(payload);
                    } else {
                        publishQos2(publisher, "load/2", payload, 1 + i);
                        acknowledgedQos2.add(payload);
                    }
                }
                publisher.send(MqttPackets.publish("load/1", "unacknowledged " + round, 1, 1 + count, false, false));
                broker.kill();
            }
            start();
            try (RawMqttClient sink = resume(sinkSession)) {
                List<Packet> messages;
                try {
                    messages = receiveUntil(sink, read -> delivered(read, acknowledgedQos1, acknowledgedQos2,
                            receivedQos1, receivedQos2), 8 * MAX_MESSAGES_PER_ROUND);
                } catch (AssertionError e) {
                    Set<String> missing = new LinkedHashSet<>(acknowledgedQos1);
                    missing.addAll(acknowledgedQos2);
                    missing.removeAll(receivedQos1);
                    missing.removeAll(receivedQos2.keySet());
                    throw new AssertionError("round " + round + ": acknowledged, not yet delivered: " + missing, e);
                }
                for (Packet message : messages) {
                    if (message.qos() == 2) {
                        receivedQos2.merge(message.payloadAsString(), 1, Integer::sum);
                    } else {
                        receivedQos1.add(message.payloadAsString());
                    }
                }
            }
            assertThat(receivedQos1).as("round %d: QoS 1 at least once", round).containsAll(acknowledgedQos1);
            assertThat(receivedQos2.keySet()).as("round %d: QoS 2", round).containsAll(acknowledgedQos2);
            assertThat(receivedQos2.values()).as("round %d: QoS 2 exactly once", round).containsOnly(1);
        }
    }

    /** @return whether the messages of earlier rounds and those just read hold every acknowledged one */
    private static boolean delivered(List<Packet> read, Set<String> qos1, Set<String> qos2, List<String> earlierQos1,
                                     Map<String, Integer> earlierQos2) {
        Set<String> all = new HashSet<>(earlierQos1);
        all.addAll(earlierQos2.keySet());
        read.forEach(message -> all.add(message.payloadAsString()));
        return all.containsAll(qos1) && all.containsAll(qos2);
    }

    private RawMqttClient resume(ConnectPacket session) {
        RawMqttClient client = RawMqttClient.open(broker.port());
        client.send(session.build());
        Packet connack = client.expect(Packet.CONNACK);
        assertThat(connack.connackCode()).isZero();
        assertThat(connack.sessionPresent()).as("session present after the restart").isTrue();
        return client;
    }

    private static void subscribe(RawMqttClient client, String filter, int qos) {
        client.send(MqttPackets.subscribe(1, filter, qos));
        client.expect(Packet.SUBACK);
    }

    private static void publishQos2(RawMqttClient publisher, String topic, String payload, int packetId) {
        publisher.send(MqttPackets.publish(topic, payload, 2, packetId, false, false));
        publisher.expect(Packet.PUBREC);
        publisher.send(MqttPackets.pubrel(packetId));
        publisher.expect(Packet.PUBCOMP);
    }

    /**
     * Reads PUBLISH packets until the condition holds over those read, then until the broker answers a PINGREQ, and
     * answers each as a client does: PUBACK for QoS 1, PUBREC then PUBCOMP (to the PUBREL) for QoS 2.
     *
     * @return every PUBLISH read, in order
     */
    private static List<Packet> receiveUntil(RawMqttClient client, Predicate<List<Packet>> done, int bound) {
        List<Packet> messages = new ArrayList<>();
        boolean pinged = false;
        for (int i = 0; i < bound; i++) {
            if (!pinged && done.test(messages)) {
                client.send(MqttPackets.pingreq());
                pinged = true;
            }
            Packet packet = client.read();
            switch (packet.type()) {
                case Packet.PUBLISH -> {
                    messages.add(packet);
                    if (packet.qos() == 1) {
                        client.send(MqttPackets.puback(packet.packetId()));
                    } else if (packet.qos() == 2) {
                        client.send(MqttPackets.pubrec(packet.packetId()));
                    }
                }
                case Packet.PUBREL -> client.send(MqttPackets.pubcomp(packet.packetId()));
                case Packet.PINGRESP -> {
                    return messages;
                }
                default -> throw new AssertionError("Unexpected " + packet);
            }
        }
        throw new AssertionError("No end after " + bound + " packets; PUBLISH packets read: " + messages);
    }

    private static List<Packet> receive(RawMqttClient client, int count) {
        return receiveUntil(client, messages -> messages.size() >= count, 4 * count + 4);
    }
}
