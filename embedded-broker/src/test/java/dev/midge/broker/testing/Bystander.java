package dev.midge.broker.testing;

import dev.midge.broker.Broker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved client that stays connected while a test attacks the broker, and the check that the broker still
 * serves it: a newcomer connects, publishes at QoS 1, is acknowledged, and the bystander receives the message.
 */
public final class Bystander implements AutoCloseable {

    /** The topic the bystander listens on; attacks should leave it alone. */
    public static final String TOPIC = "bystander/news";

    private final Broker broker;
    private final PahoClients clients;
    private final MessageCollector inbox = new MessageCollector();
    private final MqttClient client;
    private int beats;

    private Bystander(Broker broker) throws MqttException {
        this.broker = broker;
        this.clients = new PahoClients(broker.uri());
        this.client = clients.connect("bystander", inbox);
        client.subscribe(TOPIC, 1);
    }

    /**
     * @param broker the broker under attack
     * @return a connected bystander, subscribed to {@link #TOPIC} at QoS 1
     */
    public static Bystander watching(Broker broker) throws MqttException {
        return new Bystander(broker);
    }

    /**
     * A new client completes a QoS 1 round trip, the bystander receives it, and the bystander is still connected.
     *
     * @throws AssertionError when the broker fails any of it
     */
    public void assertBrokerServesOthers() {
        beats++;
        String beat = "beat " + beats;
        try (RawMqttClient newcomer = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("newcomer-" + beats))) {
            newcomer.send(MqttPackets.publish(TOPIC, beat, 1, 1, false, false));
            newcomer.expect(Packet.PUBACK);
        }
        assertThat(inbox.next(TOPIC, beat).qos()).isEqualTo(1);
        assertThat(client.isConnected()).as("the bystander is still connected").isTrue();
    }

    @Override
    public void close() {
        clients.close();
    }
}
