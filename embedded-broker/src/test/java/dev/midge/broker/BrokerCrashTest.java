package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Broker#crash()}: the broker stops as a killed process would, and one started again on its store resumes
 * with what it acknowledged.
 */
class BrokerCrashTest {

    @TempDir
    Path directory;

    private Broker broker;

    @AfterEach
    void stop() {
        broker.close();
    }

    private Broker start(int port) {
        return Broker.builder().port(port).persistence(Persistence.in(directory)).start();
    }

    @Test
    void whatTheBrokerAcknowledgedBeforeItCrashedIsDeliveredAfterTheRestart() {
        broker = start(0);
        int port = broker.port();
        ConnectPacket persistent = ConnectPacket.mqtt311("dashboard").cleanSession(false);
        try (RawMqttClient dashboard = RawMqttClient.connect(port, persistent)) {
            dashboard.send(MqttPackets.subscribe(1, "raspberry/#", 1));
            dashboard.expect(Packet.SUBACK);
        }
        try (RawMqttClient pi = RawMqttClient.connect(port, ConnectPacket.mqtt311("pi"))) {
            pi.send(MqttPackets.publish("raspberry/topic", "21.5", 1, 1, false, false));
            pi.expect(Packet.PUBACK);
            pi.send(MqttPackets.publish("raspberry/status", "on", 1, 2, false, true));
            pi.expect(Packet.PUBACK);

            broker.crash();
            assertThat(pi.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }

        broker = start(port);

        try (RawMqttClient dashboard = RawMqttClient.open(port)) {
            dashboard.send(persistent.build());
            assertThat(dashboard.expect(Packet.CONNACK).sessionPresent()).isTrue();
            assertThat(dashboard.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("21.5");
            assertThat(dashboard.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("on");
        }
        assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("on");
    }

    @Test
    void aCrashPublishesNoWillAndSendsNoDisconnect() {
        broker = start(0);
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi")
                     .will("raspberry/status", "off", 1, true))) {
            broker.crash();

            assertThat(pi.awaitClosed(Duration.ofSeconds(5))).as("packets before the connection ended").isEmpty();
            assertThat(events.all(BrokerEvent.WillPublished.class)).isEmpty();
            assertThat(broker.isClosed()).isTrue();
        }
    }
}
