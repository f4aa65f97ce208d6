package dev.midge.samples.subscriber;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttClients;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.testing.Inbox;
import dev.midge.samples.testing.NetworkCable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Pi's subscriber does, whatever the transport: the same tests run over TCP and over WebSocket.
 */
abstract class SubscriberContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ID = PiSubscriber.DEFAULT_CLIENT_ID;
    private static final String WILL = "raspberry/status {\"status\": \"Off\"}";

    private final Inbox received = new Inbox();
    private PiSubscriber subscriber;

    /** @return where the subscriber connects: the broker's TCP or WebSocket address */
    abstract URI address(BrokerHandle broker);

    /** @return the transport the broker should see the subscriber use: {@code "tcp"} or {@code "websocket"} */
    abstract String transport();

    @AfterEach
    void closeSubscriber() {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private PiSubscriber start(URI address, int keepAliveSeconds) throws Exception {
        subscriber = new PiSubscriber(MqttSettings.of(address.toString(), ID).withKeepAliveSeconds(keepAliveSeconds),
                received);
        subscriber.start();
        return subscriber;
    }

    private static Inbox watchStatus(MqttClients clients) throws Exception {
        Inbox status = new Inbox();
        MqttClient watcher = clients.v3("status-watcher");
        watcher.subscribe("raspberry/status", 1, status);
        return status;
    }

    @Test
    void receivesWhatIsPublishedOnRaspberryTopicAndNothingElse(BrokerHandle broker) throws Exception {
        start(address(broker), 60);

        broker.publish("raspberry/other", "not for the subscriber");
        broker.publish("raspberry/topic", "hello Pi");

        assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic hello Pi");
        assertThat(broker.recording().events(BrokerEvent.ClientConnected.class))
                .singleElement()
                .satisfies(connected -> assertThat(connected.transport()).isEqualTo(transport()));
    }

    @Test
    void theWillArrivesOnRaspberryStatusWhenItsConnectionIsKilled(BrokerHandle broker, MqttClients clients)
            throws Exception {
        start(address(broker), 60);
        Inbox status = watchStatus(clients);

        broker.faults().dropConnection(ID);

        assertThat(status.next(TIMEOUT)).isEqualTo(WILL);
        // The broker reports a will once it has routed it, so the report may trail the delivery.
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(broker.recording().events(BrokerEvent.WillPublished.class))
                        .singleElement()
                        .satisfies(will -> assertThat(will.clientId()).isEqualTo(ID)));
    }

    @Test
    void theWillArrivesWhenTheBrokerHearsNothingForOneAndAHalfKeepAliveIntervals(BrokerHandle broker,
                                                                                 MqttClients clients)
            throws Exception {
        try (NetworkCable cable = NetworkCable.to(address(broker))) {
            start(cable.address(), 1);
            Inbox status = watchStatus(clients);

            cable.cut();

            assertThat(status.next(TIMEOUT)).isEqualTo(WILL);
            assertThat(broker.recording().events(BrokerEvent.ClientDisconnected.class))
                    .filteredOn(disconnect -> disconnect.clientId().equals(ID))
                    .first()
                    .satisfies(disconnect -> assertThat(disconnect.reason())
                            .isEqualTo(DisconnectReason.KEEP_ALIVE_TIMEOUT));
        }
    }

    @Test
    void noWillIsPublishedAfterACleanDisconnect(BrokerHandle broker, MqttClients clients) throws Exception {
        start(address(broker), 60);
        Inbox status = watchStatus(clients);

        subscriber.close();
        await().atMost(TIMEOUT).until(() -> broker.recording().events(BrokerEvent.ClientDisconnected.class).stream()
                .anyMatch(disconnect -> disconnect.clientId().equals(ID) && disconnect.reason().isClean()));
        // A will would have been routed before this marker, which travels the same topic.
        broker.publish("raspberry/status", "marker");

        assertThat(status.next(TIMEOUT)).isEqualTo("raspberry/status marker");
        assertThat(broker.recording().events(BrokerEvent.WillPublished.class)).isEmpty();
    }

    @Test
    void subscribesAgainAfterReconnectingAndReceivesWhatFollows(BrokerHandle broker) throws Exception {
        start(address(broker), 60);

        broker.faults().dropConnection(ID);
        await().atMost(TIMEOUT).until(() -> broker.recording().events(BrokerEvent.Subscribed.class).stream()
                .filter(subscription -> subscription.clientId().equals(ID)
                        && subscription.filter().equals("raspberry/topic"))
                .count() == 2);
        broker.publish("raspberry/topic", "after the reconnect");

        assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic after the reconnect");
        assertThat(subscriber.isConnected()).isTrue();
    }
}
