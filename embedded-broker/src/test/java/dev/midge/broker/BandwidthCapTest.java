package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bandwidth cap on a connection, made in the broker's own transport: traffic goes no faster than the cap in either
 * direction, nothing is lost, and healing lifts it.
 */
class BandwidthCapTest {

    private static final int MESSAGES = 16;
    private static final int PAYLOAD_BYTES = 1000;
    /**
     * Bytes per second: the messages take two seconds at this cap, one at twice it. The first socket read may carry
     * a few kilobytes before the cap holds, hence the margin of {@link #AT_LEAST_MILLIS}.
     */
    private static final long CAP = 8_000;
    private static final long AT_LEAST_MILLIS = 500;

    private final Broker broker = Broker.builder().port(0).start();

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aCappedSubscriberReceivesNoFasterThanItsCapAndLosesNothing() {
        try (RawMqttClient dashboard = subscriber("dashboard");
             RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("dashboard").bandwidth(2 * CAP);

            long start = System.nanoTime();
            publishAll(pi);
            List<String> received = receiveAll(dashboard);

            assertThat(received).containsExactlyElementsOf(expectedPayloads());
            assertThat(elapsedMillis(start)).as("ms to carry %d bytes at %d bytes/s", MESSAGES * PAYLOAD_BYTES, 2 * CAP)
                    .isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
        }
    }

    @Test
    void aCappedPublisherIsReadNoFasterThanItsCap() {
        try (RawMqttClient dashboard = subscriber("dashboard");
             RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("pi").bandwidth(CAP);

            long start = System.nanoTime();
            publishAll(pi);
            List<String> received = receiveAll(dashboard);

            assertThat(received).containsExactlyElementsOf(expectedPayloads());
            assertThat(elapsedMillis(start)).isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
        }
    }

    /**
     * At 100 bytes/s the first message holds the connection for seconds, and the broker drops QoS 0 messages for a
     * connection that can take no more (a slow consumer): the messages that wait for the healing are QoS 1, which
     * wait in the session meanwhile. Each is acknowledged by the broker before the healing, so all have waited.
     */
    @Test
    void healingLiftsTheCapAndWhatWaitedGoesOn() {
        try (RawMqttClient dashboard = subscriber("dashboard", 1);
             RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("dashboard").bandwidth(100);
            List<String> payloads = expectedPayloads();
            for (int id = 1; id <= MESSAGES; id++) {
                pi.send(MqttPackets.publish("raspberry/topic", payloads.get(id - 1), 1, id, false, false));
                assertThat(pi.expect(Packet.PUBACK).packetId()).isEqualTo(id);
            }

            broker.network("dashboard").heal();

            List<String> received = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                Packet publish = dashboard.expect(Packet.PUBLISH);
                dashboard.send(MqttPackets.puback(publish.packetId()));
                received.add(publish.payloadAsString());
            }
            assertThat(received).as("all %d bytes arrive long before 100 bytes/s would carry them",
                    MESSAGES * PAYLOAD_BYTES).containsExactlyElementsOf(payloads);
        }
    }

    @Test
    void aCapBelowOneBytePerSecondIsRefused() {
        assertThatThrownBy(() -> broker.network("pi").bandwidth(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bandwidth needs at least 1 byte per second, not 0: heal() lifts the cap");
    }

    private RawMqttClient subscriber(String clientId) {
        return subscriber(clientId, 0);
    }

    private RawMqttClient subscriber(String clientId, int qos) {
        RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311(clientId));
        client.send(MqttPackets.subscribe(1, "raspberry/#", qos));
        client.expect(Packet.SUBACK);
        return client;
    }

    private static void publishAll(RawMqttClient pi) {
        for (String payload : expectedPayloads()) {
            pi.send(MqttPackets.publish("raspberry/topic", payload));
        }
    }

    private static List<String> receiveAll(RawMqttClient subscriber) {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            received.add(subscriber.expect(Packet.PUBLISH).payloadAsString());
        }
        return received;
    }

    private static List<String> expectedPayloads() {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String digits = String.format("%04d", i);
            payloads.add(digits + "x".repeat(PAYLOAD_BYTES - digits.length()));
        }
        return payloads;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
