package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.config.ConfigFile;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topic aliases the broker gives the topics of the messages it sends to MQTT 5 clients.
 */
class TopicAliasesToClientsTest {

    private static final String KITCHEN = "sensors/kitchen";
    private static final String HALL = "sensors/hall";
    private static final String GARDEN = "sensors/garden";
    private static final String[] ROUTE = {KITCHEN, KITCHEN, HALL, KITCHEN, HALL, HALL};

    private final Broker broker = Broker.builder().port(0).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void aTopicIsSentWithItsNewAliasOnceThenAsTheAliasWithAnEmptyTopic() {
        try (RawMqtt5Client client = connect(broker, "c", 10)) {
            subscribe(client, MqttQoS.AT_MOST_ONCE);

            publish(KITCHEN, "21.5", QoS.AT_MOST_ONCE);
            publish(KITCHEN, "21.6", QoS.AT_MOST_ONCE);
            publish(HALL, "19.0", QoS.AT_MOST_ONCE);

            assertSent(next(client), KITCHEN, 1, "21.5");
            assertSent(next(client), "", 1, "21.6");
            assertSent(next(client), HALL, 2, "19.0");
        }
    }

    @Test
    void theLeastRecentlyUsedAliasGoesToANewTopicAndNoAliasExceedsTheClientsMaximum() {
        // MQTT-3.3.2-11 and MQTT-3.1.2-26: never an alias above the client's Topic Alias Maximum
        try (RawMqtt5Client client = connect(broker, "c", 2)) {
            subscribe(client, MqttQoS.AT_MOST_ONCE);

            publish(KITCHEN, "1", QoS.AT_MOST_ONCE);
            publish(HALL, "2", QoS.AT_MOST_ONCE);
            publish(KITCHEN, "3", QoS.AT_MOST_ONCE);
            publish(GARDEN, "4", QoS.AT_MOST_ONCE);
            publish(HALL, "5", QoS.AT_MOST_ONCE);
            publish(GARDEN, "6", QoS.AT_MOST_ONCE);

            assertSent(next(client), KITCHEN, 1, "1");
            assertSent(next(client), HALL, 2, "2");
            assertSent(next(client), "", 1, "3");
            assertSent(next(client), GARDEN, 2, "4");
            assertSent(next(client), HALL, 1, "5");
            assertSent(next(client), "", 2, "6");
        }
    }

    @Test
    void aClientThatSetsNoTopicAliasMaximumOrZeroGetsNoAlias() {
        // MQTT-3.1.2-27
        try (RawMqtt5Client absent = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("absent"));
             RawMqtt5Client zero = connect(broker, "zero", 0)) {
            subscribe(absent, MqttQoS.AT_MOST_ONCE);
            subscribe(zero, MqttQoS.AT_MOST_ONCE);

            publish(KITCHEN, "1", QoS.AT_MOST_ONCE);
            publish(KITCHEN, "2", QoS.AT_MOST_ONCE);

            for (RawMqtt5Client client : new RawMqtt5Client[] {absent, zero}) {
                assertSent(next(client), KITCHEN, 0, "1");
                assertSent(next(client), KITCHEN, 0, "2");
            }
        }
    }

    @Test
    void anMqtt311ClientGetsTheTopicEveryTime() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("old"))) {
            client.send(MqttPackets.subscribe(1, "sensors/#", 0));
            client.expect(Packet.SUBACK);

            publish(KITCHEN, "1", QoS.AT_MOST_ONCE);
            publish(KITCHEN, "2", QoS.AT_MOST_ONCE);

            assertThat(client.expect(Packet.PUBLISH).topic()).isEqualTo(KITCHEN);
            assertThat(client.expect(Packet.PUBLISH).topic()).isEqualTo(KITCHEN);
        }
    }

    @Test
    void aBrokerWithTopicAliasesTurnedOffSendsNone() {
        try (Broker plain = Broker.builder().port(0).topicAliases(false).start();
             RawMqtt5Client client = connect(plain, "c", 10)) {
            subscribe(client, MqttQoS.AT_MOST_ONCE);

            plain.publish(message(KITCHEN, "1", QoS.AT_MOST_ONCE));
            plain.publish(message(KITCHEN, "2", QoS.AT_MOST_ONCE));

            assertSent(next(client), KITCHEN, 0, "1");
            assertSent(next(client), KITCHEN, 0, "2");
        }
    }

    @Test
    void aConfigurationFileCanTurnThemOff(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), "send_topic_aliases false\n");
        BrokerBuilder builder = Broker.builder().port(0);
        ConfigFile.read(config).applyTo(builder);
        try (Broker plain = builder.start();
             RawMqtt5Client client = connect(plain, "c", 10)) {
            subscribe(client, MqttQoS.AT_MOST_ONCE);

            plain.publish(message(KITCHEN, "1", QoS.AT_MOST_ONCE));
            plain.publish(message(KITCHEN, "2", QoS.AT_MOST_ONCE));

            assertSent(next(client), KITCHEN, 0, "1");
            assertSent(next(client), KITCHEN, 0, "2");
        }
    }

    @Test
    void aliasesEndWithTheConnectionSoAMessageRedeliveredAfterReconnectingCarriesItsTopic() {
        // MQTT-3.3.2-7
        MqttProperties persistent = properties(MqttProperties.TOPIC_ALIAS_MAXIMUM, 10);
        persistent.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 60));
        try (RawMqtt5Client first = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("p").properties(persistent))) {
            subscribe(first, MqttQoS.AT_LEAST_ONCE);
            publish(KITCHEN, "acknowledged", QoS.AT_LEAST_ONCE);
            MqttPublishMessage acknowledged = next(first);
            first.send(MqttMessageBuilders.pubAck().packetId(acknowledged.variableHeader().packetId()).build());
            publish(KITCHEN, "unacknowledged", QoS.AT_LEAST_ONCE);
            assertSent(next(first), "", 1, "unacknowledged");
        }

        try (RawMqtt5Client second = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("p").cleanSession(false).properties(persistent))) {
            MqttPublishMessage redelivered = next(second);
            assertThat(redelivered.fixedHeader().isDup()).isTrue();
            assertSent(redelivered, KITCHEN, 1, "unacknowledged");
        }
    }

    @Test
    void theSizeCheckCountsTheAliasPropertyAndTheTopicLeftOut() {
        // A PUBLISH to KITCHEN with a payload of n bytes and no property takes 20 + n bytes; a new alias adds 3,
        // and sending the alias alone saves the topic's 15.
        MqttProperties limits = properties(MqttProperties.TOPIC_ALIAS_MAXIMUM, 10);
        limits.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, 64));
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("small").properties(limits))) {
            subscribe(client, MqttQoS.AT_MOST_ONCE);

            publish(KITCHEN, "a".repeat(44), QoS.AT_MOST_ONCE);
            publish(KITCHEN, "b", QoS.AT_MOST_ONCE);
            publish(KITCHEN, "c".repeat(55), QoS.AT_MOST_ONCE);

            assertSent(next(client), KITCHEN, 0, "a".repeat(44));
            assertSent(next(client), KITCHEN, 1, "b");
            assertSent(next(client), "", 1, "c".repeat(55));
        }
    }

    @Test
    void aPahoClientLeftAtItsDefaultTopicAliasMaximumReceivesEveryMessageUnderItsTopic() throws Exception {
        // Paho Java 1.2.5 does not resolve the aliases it is sent (eclipse-paho/paho.mqtt.java#866), which is why
        // its Topic Alias Maximum must stay at its default, 0: the broker then sends none.
        V5MessageCollector collector = new V5MessageCollector();
        try (PahoV5Clients clients = new PahoV5Clients(broker.uri())) {
            MqttClient paho = clients.connect("paho", collector);
            paho.subscribe("sensors/#", 1);

            for (String topic : ROUTE) {
                publish(topic, topic, QoS.AT_LEAST_ONCE);
            }

            for (String topic : ROUTE) {
                collector.next(topic, topic);
            }
        }
    }

    private void publish(String topic, String payload, QoS qos) {
        broker.publish(message(topic, payload, qos));
    }

    private static Message message(String topic, String payload, QoS qos) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, null);
    }

    private static RawMqtt5Client connect(Broker broker, String clientId, int topicAliasMaximum) {
        return RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket(clientId)
                .properties(properties(MqttProperties.TOPIC_ALIAS_MAXIMUM, topicAliasMaximum)));
    }

    private static void subscribe(RawMqtt5Client client, MqttQoS qos) {
        client.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(qos, "sensors/#").build());
        client.expect(MqttMessageType.SUBACK);
    }

    private static MqttPublishMessage next(RawMqtt5Client client) {
        return (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
    }

    /**
     * @param alias the Topic Alias property it must carry, 0 for none
     */
    private static void assertSent(MqttPublishMessage publish, String topic, int alias, String payload) {
        MqttProperties.MqttProperty<?> property = publish.variableHeader().properties()
                .getProperty(MqttProperties.TOPIC_ALIAS);
        assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(publish.variableHeader().topicName()).as("topic of " + payload).isEqualTo(topic);
        assertThat(property == null ? 0 : (Integer) property.value()).as("alias of " + payload).isEqualTo(alias);
    }

    private static MqttProperties properties(int id, int value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(id, value));
        return properties;
    }
}
