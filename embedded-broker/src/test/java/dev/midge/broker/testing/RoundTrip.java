package dev.midge.broker.testing;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The well-behaved client's check that a broker still works: connect, subscribe at QoS 1, publish at QoS 1, get
 * both the PUBACK and the message back, acknowledge it.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * @param port     the broker's port
     * @param clientId a client identifier no other client uses
     */
    public static void qos1(int port, String clientId) {
        String topic = "round-trip/" + clientId;
        try (RawMqttClient client = RawMqttClient.connect(port, ConnectPacket.mqtt311(clientId))) {
            client.send(MqttPackets.subscribe(1, topic, 1));
            client.expect(Packet.SUBACK);
            client.send(MqttPackets.publish(topic, "ping", 1, 2, false, false));
            Packet first = client.read();
            Packet second = client.read();
            assertThat(List.of(first.type(), second.type())).containsExactlyInAnyOrder(Packet.PUBACK, Packet.PUBLISH);
            Packet message = first.type() == Packet.PUBLISH ? first : second;
            assertThat(message.payloadAsString()).isEqualTo("ping");
            client.send(MqttPackets.puback(message.packetId()));
            client.ping();
        }
    }
}
