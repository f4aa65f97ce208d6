package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5 subscription options (no local, retain as published, retain handling), subscription identifiers, and
 * shared subscriptions.
 */
class SubscriptionOptionsTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void noLocalKeepsAClientsOwnMessagesFromIt() throws Exception {
        V5MessageCollector collector = new V5MessageCollector();
        MqttClient self = clients.connect("self", collector);
        MqttSubscription subscription = new MqttSubscription("chat", 1);
        subscription.setNoLocal(true);
        self.subscribe(new MqttSubscription[]{subscription});
        MqttClient other = clients.connect("other", new V5MessageCollector());

        self.publish("chat", bytes("mine"), 1, false);
        other.publish("chat", bytes("theirs"), 1, false);

        collector.next("chat", "theirs");
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOfForwardedMessages() throws Exception {
        V5MessageCollector keeps = new V5MessageCollector();
        MqttSubscription asPublished = new MqttSubscription("status", 1);
        asPublished.setRetainAsPublished(true);
        clients.connect("keeps", keeps).subscribe(new MqttSubscription[]{asPublished});
        V5MessageCollector clears = new V5MessageCollector();
        clients.connect("clears", clears).subscribe("status", 1);

        clients.connect("publisher", new V5MessageCollector()).publish("status", bytes("on"), 1, true);

        assertThat(keeps.next("status", "on").message().isRetained()).isTrue();
        assertThat(clears.next("status", "on").message().isRetained()).isFalse();
    }

    @ParameterizedTest(name = "retain handling {0}: on subscribe {1}, on subscribing again {2}")
    @CsvSource({"0, true, true", "1, true, false", "2, false, false"})
    void retainHandlingDecidesWhenRetainedMessagesAreSent(int retainHandling, boolean onFirst, boolean onAgain)
            throws Exception {
        broker.publish(new Message("status", bytes("retained"), QoS.AT_LEAST_ONCE, true, null));
        V5MessageCollector collector = new V5MessageCollector();
        MqttClient client = clients.connect("device", collector);
        MqttSubscription subscription = new MqttSubscription("status", 1);
        subscription.setRetainHandling(retainHandling);

        client.subscribe(new MqttSubscription[]{subscription});
        client.subscribe(new MqttSubscription[]{subscription});

        List<String> expected = new ArrayList<>();
        if (onFirst) {
            expected.add("retained");
        }
        if (onAgain) {
            expected.add("retained");
        }
        client.subscribe("status/marker", 0);
        client.publish("status/marker", bytes("end"), 0, false);
        List<String> received = new ArrayList<>();
        for (String payload = collector.next().payload(); !payload.equals("end"); payload = collector.next()
                .payload()) {
            received.add(payload);
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void aMessageCarriesTheIdentifiersOfEveryMatchingSubscription() {
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("c"))) {
            subscribeWithId(client, 1, "home/+/temperature", 7);
            subscribeWithId(client, 2, "home/kitchen/#", 300);
            subscribeWithId(client, 3, "home/kitchen/temperature", 0);

            broker.publish(new Message("home/kitchen/temperature", bytes("21"), QoS.AT_LEAST_ONCE, false, null));

            MqttPublishMessage publish = (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
            List<Object> ids = new ArrayList<>();
            publish.variableHeader().properties().getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER)
                    .forEach(p -> ids.add(p.value()));
            assertThat(ids).containsExactlyInAnyOrder(7, 300);
            client.ping();
        }
    }

    @Test
    void aSharedSubscriptionSpreadsMessagesAcrossItsMembersAndGetsNoRetainedMessages() throws Exception {
        broker.publish(new Message("jobs/old", bytes("retained"), QoS.AT_LEAST_ONCE, true, null));
        V5MessageCollector first = new V5MessageCollector();
        V5MessageCollector second = new V5MessageCollector();
        V5MessageCollector everything = new V5MessageCollector();
        clients.connect("worker-1", first).subscribe("$share/workers/jobs/#", 1);
        clients.connect("worker-2", second).subscribe("$share/workers/jobs/#", 1);
        clients.connect("auditor", everything).subscribe("jobs/#", 1);
        everything.next("jobs/old", "retained");

        MqttClient producer = clients.connect("producer", new V5MessageCollector());
        for (int i = 1; i <= 4; i++) {
            producer.publish("jobs/new", bytes("job" + i), 1, false);
        }

        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            all.add(everything.next().payload());
        }
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            shared.add(first.next().payload());
            shared.add(second.next().payload());
        }
        assertThat(all).containsExactly("job1", "job2", "job3", "job4");
        assertThat(shared).containsExactlyInAnyOrder("job1", "job2", "job3", "job4");
    }

    private static void subscribeWithId(RawMqtt5Client client, int packetId, String filter, int id) {
        MqttProperties properties = new MqttProperties();
        if (id != 0) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
        }
        client.send(MqttMessageBuilders.subscribe().messageId(packetId).properties(properties)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, filter).build());
        client.expect(MqttMessageType.SUBACK);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
