package dev.midge.broker.internal.config;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of a configuration file, as the clients of a broker started with it meet them.
 */
class ConfiguredLimitsTest {

    @TempDir
    Path dir;

    private Broker broker;

    @BeforeEach
    void start() throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), """
                listener 0
                max_keepalive 30
                max_inflight_messages 7
                max_queued_messages 2
                max_queued_bytes 1000
                memory_limit 1000000
                message_size_limit 100
                max_connections 2
                """);
        BrokerBuilder builder = Broker.builder().port(0);
        ConfigFile.read(config).applyTo(builder);
        broker = builder.start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void maxKeepaliveAndMaxInflightMessagesAreWhatMqtt5ClientsAreToldInConnack() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device").keepAlive(0));

            MqttProperties properties = connack.variableHeader().properties();
            assertThat(properties.getProperty(MqttProperties.SERVER_KEEP_ALIVE).value()).isEqualTo(30);
            assertThat(properties.getProperty(MqttProperties.RECEIVE_MAXIMUM).value()).isEqualTo(7);
        }
    }

    @Test
    void aPacketOverMessageSizeLimitClosesTheConnection() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("big"))) {
            client.send(MqttPackets.publish("t", "x".repeat(200)));

            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void maxQueuedMessagesBoundsWhatAnOfflineSessionKeeps() {
        offlineSubscriber();

        for (int i = 0; i < 3; i++) {
            broker.publish(Message.of("t", "m" + i).withQos(QoS.AT_LEAST_ONCE));
        }

        assertThat(broker.statistics().queuedMessages()).isEqualTo(2);
        assertThat(broker.statistics().messagesDropped()).isEqualTo(1);
    }

    @Test
    void maxQueuedBytesBoundsWhatAnOfflineSessionKeepsInBytes() {
        offlineSubscriber();

        for (int i = 0; i < 3; i++) {
            broker.publish(Message.of("t", "x".repeat(600)).withQos(QoS.AT_LEAST_ONCE));
        }

        assertThat(broker.statistics().queuedMessages()).isEqualTo(1);
        assertThat(broker.statistics().messagesDropped()).isEqualTo(2);
    }

    @Test
    void memoryLimitIsTheBrokersMemoryBudget() {
        assertThat(broker.statistics().memoryBudget()).isEqualTo(1_000_000);
    }

    private void offlineSubscriber() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("offline").cleanSession(false))) {
            client.send(MqttPackets.subscribe(1, "t", 1));
            client.expect(Packet.SUBACK);
            client.send(MqttPackets.disconnect());
            client.awaitClosed(Duration.ofSeconds(5));
        }
        Await.until("the client is gone", () -> broker.connectedClients().isEmpty());
    }

    @Test
    void maxConnectionsRefusesTheClientBeyondIt() {
        try (RawMqttClient first = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("first"));
             RawMqttClient second = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("second"));
             RawMqttClient third = RawMqttClient.open(broker.port())) {
            third.send(ConnectPacket.mqtt311("third").build());

            assertThat(third.expect(Packet.CONNACK).connackCode()).as("server unavailable").isEqualTo(3);
        }
    }
}
