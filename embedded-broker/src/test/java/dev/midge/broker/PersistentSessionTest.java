package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean and persistent sessions: what the broker keeps for a client identifier while its client is away.
 */
class PersistentSessionTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void sessionPresentIsSetOnlyWhenAPersistentSessionIsResumed() throws Exception {
        MqttClient client = clients.create("device");
        client.setCallback(new MessageCollector());

        assertThat(client.connectWithResult(options(false)).getSessionPresent()).as("first persistent").isFalse();
        client.disconnect(0);
        assertThat(client.connectWithResult(options(false)).getSessionPresent()).as("resumed").isTrue();
        client.disconnect(0);
        assertThat(client.connectWithResult(options(true)).getSessionPresent()).as("clean").isFalse();
        client.disconnect(0);
        assertThat(client.connectWithResult(options(false)).getSessionPresent())
                .as("persistent after a clean session").isFalse();
    }

    @Test
    void aPersistentSessionKeepsItsSubscriptionsAndQueuesQos1And2WhileTheClientIsAway() throws Exception {
        MessageCollector received = new MessageCollector();
        MqttClient client = clients.create("device");
        client.setCallback(received);
        client.connect(options(false));
        client.subscribe("t", 2);
        client.disconnect(0);
        awaitOffline("device");

        broker.publish(message("t", "one", QoS.AT_LEAST_ONCE));
        broker.publish(message("t", "lost", QoS.AT_MOST_ONCE));
        broker.publish(message("t", "two", QoS.EXACTLY_ONCE));

        client.connect(options(false));
        broker.publish(message("t", "after", QoS.AT_LEAST_ONCE));

        // Paho hands a QoS 2 message over only at PUBREL, so "after" may overtake "two"; the QoS 0 message, had it
        // been queued, would have reached the callback before "after".
        List<String> firstThree = List.of(describe(received.next()), describe(received.next()),
                describe(received.next()));
        assertThat(firstThree).containsExactlyInAnyOrder("one@1", "two@2", "after@1");
    }

    @Test
    void qos0MessagesForAnOfflineClientAreDroppedNotQueued() throws Exception {
        MqttClient client = clients.connect("device", new MessageCollector(), options(false));
        client.subscribe("t", 1);
        client.disconnect(0);
        awaitOffline("device");
        try (EventRecorder events = EventRecorder.on(broker)) {
            broker.publish(message("t", "qos0", QoS.AT_MOST_ONCE));
            BrokerEvent.MessageDropped dropped = events.await(BrokerEvent.MessageDropped.class, e -> true);
            assertThat(dropped.clientId()).isEqualTo("device");
            assertThat(dropped.reason()).isEqualTo(DropReason.CLIENT_OFFLINE);
        }
    }

    @Test
    void aCleanSessionForgetsSubscriptionsAndMessagesWhenTheClientLeaves() throws Exception {
        MessageCollector received = new MessageCollector();
        MqttClient client = clients.create("device");
        client.setCallback(received);
        client.connect(options(false));
        client.subscribe("t", 1);
        client.disconnect(0);
        awaitOffline("device");
        broker.publish(message("t", "queued", QoS.AT_LEAST_ONCE));

        client.connect(options(true));
        assertThat(broker.subscriptions()).isEmpty();
        client.subscribe("marker", 1);
        broker.publish(message("t", "unsubscribed", QoS.AT_LEAST_ONCE));
        broker.publish(message("marker", "end", QoS.AT_LEAST_ONCE));

        received.next("marker", "end");
        client.disconnect(0);
        Await.until("the clean session is gone", () -> broker.subscriptions().isEmpty());
    }

    private static String describe(MessageCollector.Received message) {
        return message.payload() + "@" + message.qos();
    }

    private void awaitOffline(String clientId) {
        Await.until(clientId + " is offline", () -> !broker.connectedClients().contains(clientId));
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = PahoClients.options();
        options.setCleanSession(cleanSession);
        return options;
    }

    private static Message message(String topic, String payload, QoS qos) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, null);
    }
}
