package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Network faults made in the broker's own transport, seen by raw clients over real sockets.
 */
class NetworkFaultsTest {

    private Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.builder().port(0).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aLostPubackLeavesTheClientWaitingWhileLaterAnswersArrive() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("pi").dropPacketsToClient(1);
            pi.send(MqttPackets.publish("raspberry/topic", "21.5".getBytes(), 1, 7));
            pi.send(MqttPackets.pingreq());

            assertThat(pi.read().type()).as("the PUBACK was lost, the PINGRESP was not").isEqualTo(Packet.PINGRESP);
        }
    }

    @Test
    void aLostPublishNeverReachesTheSubscribers() {
        try (RawMqttClient subscriber = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("dashboard"));
             RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            subscriber.send(MqttPackets.subscribe(1, "raspberry/#", 0));
            subscriber.expect(Packet.SUBACK);
            broker.network("pi").dropPacketsFromClient(1);

            pi.send(MqttPackets.publish("raspberry/topic", "lost"));
            pi.send(MqttPackets.publish("raspberry/topic", "kept"));

            assertThat(subscriber.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("kept");
        }
    }

    @Test
    void aSilencedClientIsHeardAgainOnceHealedWithNothingLost() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"));
             RawMqttClient other = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("other"))) {
            NetworkConditions cable = broker.network("pi").silence();
            pi.send(MqttPackets.pingreq());
            other.ping();

            assertThat(pi.isClosedWithin(Duration.ofMillis(300))).as("no answer, and no end either").isFalse();
            cable.heal();

            assertThat(pi.read().type()).isEqualTo(Packet.PINGRESP);
        }
    }

    @Test
    void aConnectionSilencedForEveryoneGetsNoConnackUntilHealed() {
        broker.network().silence();
        try (RawMqttClient late = RawMqttClient.open(broker.port())) {
            late.send(ConnectPacket.mqtt311("late").build());

            assertThat(late.isClosedWithin(Duration.ofMillis(300))).isFalse();
            broker.network().heal();

            assertThat(late.read().type()).isEqualTo(Packet.CONNACK);
        }
    }

    @Test
    void aConnectionOpenBeforeAnyFaultIsSilencedWithEveryoneOnceOneIsSet() {
        try (RawMqttClient early = RawMqttClient.open(broker.port())) {
            // One listener accepts in order: once a later client has its CONNACK, the early connection is served.
            RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("later")).close();
            broker.network().silence();
            early.send(ConnectPacket.mqtt311("early").build());

            assertThat(early.isClosedWithin(Duration.ofMillis(300))).isFalse();
            broker.network().heal();

            assertThat(early.read().type()).isEqualTo(Packet.CONNACK);
        }
    }

    @Test
    void aConditionSetForAClientBeforeItConnectsAppliesFromItsConnect() {
        broker.network("pi").dropPacketsToClient(1);
        try (RawMqttClient pi = RawMqttClient.open(broker.port())) {
            pi.send(ConnectPacket.mqtt311("pi").build());
            pi.send(MqttPackets.pingreq());

            assertThat(pi.read().type()).as("the CONNACK was lost, the PINGRESP was not").isEqualTo(Packet.PINGRESP);
        }
    }

    @Test
    void aConditionSetAgainAfterEveryConnectionWasHealedAppliesAgain() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network().dropPacketsToClient(1);
            broker.network().heal();
            pi.ping();
            broker.network("pi").dropPacketsToClient(1);
            pi.send(MqttPackets.pingreq());
            pi.send(MqttPackets.pingreq());

            assertThat(pi.read().type()).isEqualTo(Packet.PINGRESP);
            assertThat(pi.isClosedWithin(Duration.ofMillis(300))).as("the first PINGRESP was lost").isFalse();
        }
    }

    @Test
    void aHalfOpenClientStillReceivesButIsNotHeard() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"));
             RawMqttClient publisher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("publisher"))) {
            pi.send(MqttPackets.subscribe(1, "commands/#", 0));
            pi.expect(Packet.SUBACK);
            broker.network("pi").halfOpen();

            pi.send(MqttPackets.pingreq());
            publisher.send(MqttPackets.publish("commands/relay", "on"));

            assertThat(pi.read().payloadAsString()).as("the broker still sends").isEqualTo("on");
            broker.network("pi").heal();
            assertThat(pi.read().type()).as("and hears the PINGREQ once healed").isEqualTo(Packet.PINGRESP);
        }
    }

    @Test
    void latencyDelaysEachDirection() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("pi").latency(Duration.ofMillis(100));
            long start = System.nanoTime();
            pi.ping();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void aResetEndsTheConnectionAbruptly() {
        try (RawMqttClient pi = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("pi"))) {
            broker.network("pi").reset();

            assertThatThrownBy(pi::read).isInstanceOf(AssertionError.class);
        }
    }
}
