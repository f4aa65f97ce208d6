package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker answers PINGREQ and closes a connection that stays silent for one and a half keep-alive intervals, or
 * that sends no CONNECT within the connect timeout.
 */
class KeepAliveTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_INTERVAL = Duration.ofMillis(300);

    private final Broker broker = Broker.builder().port(0).start();
    private final EventRecorder events = EventRecorder.on(broker);

    @AfterEach
    void tearDown() {
        events.close();
        broker.close();
    }

    @Test
    void pingreqIsAnsweredWithPingresp() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.pingreq());
            Packet pingresp = client.expect(Packet.PINGRESP);
            assertThat(pingresp.flags()).isZero();
            assertThat(pingresp.body()).isEmpty();
        }
    }

    @Test
    void aClientSilentForOneAndAHalfKeepAliveIntervalsIsDisconnected() {
        try (RawMqttClient silent = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("silent").keepAliveSeconds(1))) {
            long connected = System.nanoTime();
            assertThat(silent.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            long silentMillis = (System.nanoTime() - connected) / 1_000_000;

            assertThat(silentMillis).as("time until the broker closed").isBetween(1400L, 4000L);
            BrokerEvent.ClientDisconnected disconnected = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("silent"));
            assertThat(disconnected.reason()).isEqualTo(DisconnectReason.KEEP_ALIVE_TIMEOUT);
            assertThat(broker.connectedClients()).isEmpty();
        }
    }

    @Test
    void aClientThatPingsWithinItsKeepAliveStaysConnected() {
        try (RawMqttClient silent = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("silent").keepAliveSeconds(1));
             RawMqttClient pinging = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("pinging").keepAliveSeconds(1))) {
            int pings = 0;
            while (!silent.isClosedWithin(PING_INTERVAL)) {
                pinging.ping();
                pings++;
            }
            pinging.ping();

            assertThat(pings).as("pings sent while the silent client timed out").isGreaterThanOrEqualTo(3);
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("silent"));
            assertThat(broker.connectedClients()).containsExactly("pinging");
        }
    }

    @Test
    void anyPacketCountsAsActivity() {
        try (RawMqttClient silent = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("silent").keepAliveSeconds(1));
             RawMqttClient publishing = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("publishing").keepAliveSeconds(1))) {
            int id = 1;
            while (!silent.isClosedWithin(PING_INTERVAL)) {
                publishing.send(MqttPackets.publish("t", "alive", 1, id, false, false));
                publishing.expect(Packet.PUBACK);
                id++;
            }
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("silent"));
            assertThat(broker.connectedClients()).containsExactly("publishing");
        }
    }

    @Test
    void aConnectionThatSendsNoConnectIsClosedAfterTheConnectTimeout() {
        try (Broker impatient = Broker.builder().port(0).connectTimeout(Duration.ofMillis(300)).start();
             RawMqttClient mute = RawMqttClient.open(impatient.port())) {
            long opened = System.nanoTime();
            assertThat(mute.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            assertThat((System.nanoTime() - opened) / 1_000_000).as("milliseconds until closed")
                    .isBetween(250L, 3000L);
        }
    }

    @Test
    void keepAliveZeroTurnsTheTimeoutOff() {
        try (RawMqttClient timer = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("timer").keepAliveSeconds(1));
             RawMqttClient unlimited = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("unlimited").keepAliveSeconds(0))) {
            assertThat(timer.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("timer"));
            unlimited.ping();
            assertThat(broker.connectedClients()).containsExactly("unlimited");
        }
    }
}
