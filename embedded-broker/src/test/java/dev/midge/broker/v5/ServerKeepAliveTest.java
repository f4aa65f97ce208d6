package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker built with a maximum keep-alive tells MQTT 5 clients that ask for more, or for none, the interval they
 * must keep (Server Keep Alive), and disconnects them with 0x8D when they fall silent for 1.5 times it.
 */
class ServerKeepAliveTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).maxKeepAlive(1).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void aClientWithoutKeepAliveIsGivenTheServersAndDisconnectedWithKeepAliveTimeout() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device").keepAlive(0));

            assertThat(connack.variableHeader().properties().getProperty(MqttProperties.SERVER_KEEP_ALIVE).value())
                    .isEqualTo(1);
            assertThat(client.awaitDisconnect(CLOSE_TIMEOUT)).isEqualTo(0x8D);
        }
    }

    @Test
    void aClientWithinTheMaximumKeepsItsOwnInterval() {
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("device").keepAlive(1));

            assertThat(connack.variableHeader().properties().getProperty(MqttProperties.SERVER_KEEP_ALIVE)).isNull();
        }
    }

    @Test
    void anMqtt311ClientCannotBeToldSoKeepsItsOwnInterval() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("device"))) {
            assertThat(client.isClosedWithin(Duration.ofMillis(1600))).isFalse();
            client.ping();
        }
    }
}
