package dev.midge.samples.subscriber;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Transport;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttClients;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.testing.Inbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Pi's subscriber does, whatever the transport: the same tests run over TCP and over WebSocket, on a broker
 * whose clock the tests move, so that a keep-alive of a minute lapses at once.
 */
abstract class SubscriberContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ID = PiSubscriber.DEFAULT_CLIENT_ID;
    private static final String WILL = "raspberry/status {\"status\": \"Off\"}";

    private final Inbox received = new Inbox();
    private PiSubscriber subscriber;

    /** @return where the subscriber connects: the broker's TCP or WebSocket address */
    abstract URI address(BrokerHandle broker);

    /** @return the transport the broker should see the subscriber use */
    abstract Transport transport();

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
        assertThat(broker).publishedWillOf(ID).onTopic("raspberry/status").withJsonPayload("{\"status\":\"Off\"}");
        assertThat(broker).hasDisconnectedClient(ID).abruptly().withReason(DisconnectReason.DROPPED_BY_BROKER);
    }

    @Test
    void theWillArrivesWhenTheBrokerHearsNothingForOneAndAHalfKeepAliveIntervals(BrokerHandle broker,
                                                                                 MqttClients clients)
            throws Exception {
        start(address(broker), 60);
        Inbox status = watchStatus(clients);

        broker.faults().network(ID).silence();
        broker.virtualTime().advance(Duration.ofSeconds(89));
        assertThat(broker.connectedClients()).contains(ID);
        broker.virtualTime().advance(Duration.ofSeconds(1));

        assertThat(status.next(TIMEOUT)).isEqualTo(WILL);
        assertThat(broker).hasDisconnectedClient(ID).withReason(DisconnectReason.KEEP_ALIVE_TIMEOUT);
        assertThat(broker).publishedWillOf(ID).onTopic("raspberry/status");
    }

    @Test
    void noWillIsPublishedAfterACleanDisconnect(BrokerHandle broker, MqttClients clients) throws Exception {
        start(address(broker), 60);
        Inbox status = watchStatus(clients);

        subscriber.close();
        assertThat(broker).hasDisconnectedClient(ID).cleanly();
        // A will would have been routed before this marker, which travels the same topic.
        broker.publish("raspberry/status", "marker");

        assertThat(status.next(TIMEOUT)).isEqualTo("raspberry/status marker");
        assertThat(broker.recording().events(BrokerEvent.WillPublished.class)).isEmpty();
    }

    @Test
    void subscribesAgainAfterReconnectingAndReceivesWhatFollows(BrokerHandle broker) throws Exception {
        start(address(broker), 60);

        broker.faults().dropConnection(ID);
        // The broker ends the session once the connection has closed, which may be after dropConnection returns;
        // from then on, a subscription can only be the new connection's.
        assertThat(broker).hasDisconnectedClient(ID).abruptly();
        assertThat(broker).within(TIMEOUT).hasSubscription(ID, "raspberry/topic");
        broker.publish("raspberry/topic", "after the reconnect");

        assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic after the reconnect");
        assertThat(subscriber.isConnected()).isTrue();
    }
}
