package dev.midge.junit;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.junit.testing.Inbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What Raspberry Pi code must survive, produced on demand.
 */
@MqttBroker
class FaultInjectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void droppingAConnectionPublishesTheClientsWill(BrokerHandle broker, MqttClients clients) throws Exception {
        Inbox inbox = new Inbox();
        clients.v3("watcher").subscribe("raspberry/status", 1, inbox);
        MqttConnectOptions withWill = new MqttConnectOptions();
        withWill.setWill("raspberry/status", "{\"status\": \"Off\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        clients.v3("pi", withWill);

        broker.faults().dropConnection("pi");

        assertThat(broker.connectedClients()).as("connected right after the drop").containsExactly("watcher");
        assertThat(inbox.next(TIMEOUT)).isEqualTo("raspberry/status {\"status\": \"Off\"}");
    }

    @Test
    void aPulledCableLetsKeepAliveEndTheConnectionAndPublishTheWill(BrokerHandle broker, MqttClients clients)
            throws Exception {
        Inbox inbox = new Inbox();
        clients.v3("watcher").subscribe("raspberry/status", 1, inbox);
        MqttConnectOptions withWill = new MqttConnectOptions();
        withWill.setKeepAliveInterval(1);
        withWill.setWill("raspberry/status", "{\"status\": \"Off\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        clients.v3("pi", withWill);

        broker.faults().network("pi").silence();

        assertThat(inbox.next(TIMEOUT)).as("published when 1.5 keep-alive intervals pass in silence")
                .isEqualTo("raspberry/status {\"status\": \"Off\"}");
    }

    @Test
    void aNarrowLinkDeliversEverythingInOrderNoFasterThanItsBandwidth(BrokerHandle broker, MqttClients clients)
            throws Exception {
        Inbox inbox = new Inbox();
        clients.v3("dashboard").subscribe("raspberry/topic", 1, inbox);
        broker.faults().network("dashboard").bandwidth(4_000);
        MqttClient pi = clients.v3("pi");
        String reading = "x".repeat(1_000);

        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            pi.publish("raspberry/topic", (i + reading).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(inbox.next(TIMEOUT)).isEqualTo("raspberry/topic " + i + reading);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("4 kB at 4 kB/s, a first read's burst allowed")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void droppingAClientThatIsNotConnectedNamesTheConnectedOnes(BrokerHandle broker, MqttClients clients)
            throws Exception {
        clients.v3("present");

        assertThatThrownBy(() -> broker.faults().dropConnection("absent"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'absent': it is not connected")
                .hasMessageContaining("[present]");
    }

    @Test
    void aClientReconnectsAfterTheBrokerComesBackAndKeepsItsSession(BrokerHandle broker, MqttClients clients)
            throws Exception {
        MqttConnectOptions persistent = new MqttConnectOptions();
        persistent.setCleanSession(false);
        persistent.setAutomaticReconnect(true);
        persistent.setMaxReconnectDelay(500);
        MqttClient pi = clients.v3("pi", persistent);
        Inbox inbox = new Inbox();
        pi.subscribe("raspberry/command", 1, inbox);

        broker.faults().takeBrokerDown();
        await().atMost(TIMEOUT).until(() -> !pi.isConnected());
        broker.faults().bringBrokerBack();
        await().atMost(TIMEOUT).until(pi::isConnected);
        broker.publish(new Message("raspberry/command", "reboot".getBytes(StandardCharsets.UTF_8),
                QoS.AT_LEAST_ONCE, false, MessageProperties.NONE));

        assertThat(inbox.next(TIMEOUT)).isEqualTo("raspberry/command reboot");
        assertThat(pi.getServerURI()).isEqualTo(broker.uri().toString());
    }

    @Test
    void theNextConnectIsRefusedWithTheGivenCodeAndTheOneAfterIsAccepted(BrokerHandle broker, MqttClients clients)
            throws Exception {
        broker.faults().refuseNextConnect(ConnectCode.BAD_USER_NAME_OR_PASSWORD);

        assertThatThrownBy(() -> clients.v3("first"))
                .isInstanceOf(MqttSecurityException.class)
                .extracting(e -> ((MqttSecurityException) e).getReasonCode())
                .isEqualTo(4);
        assertThat(clients.v3("second").isConnected()).isTrue();
    }

    @Test
    void droppedDeliveriesNeverReachTheSubscriber(BrokerHandle broker, MqttClients clients) throws Exception {
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.v3("subscriber");
        subscriber.subscribe("#", 0, inbox);
        broker.faults().dropDeliveriesOn("raspberry/topic", Duration.ZERO);

        broker.publish("raspberry/topic", "lost");
        broker.publish("marker", "after");

        assertThat(inbox.next(TIMEOUT)).isEqualTo("marker after");
        assertThat(broker.recording().events(BrokerEvent.MessageDropped.class))
                .singleElement()
                .satisfies(dropped -> {
                    assertThat(dropped.reason()).isEqualTo(DropReason.FAULT_INJECTED);
                    assertThat(dropped.message().payloadAsString()).isEqualTo("lost");
                });
    }

    @Test
    void delayedDeliveriesArriveAfterLaterOnes(BrokerHandle broker, MqttClients clients) throws Exception {
        Inbox inbox = new Inbox();
        clients.v3("subscriber").subscribe("#", 0, inbox);
        broker.faults().delayDeliveriesOn("sensor/slow", Duration.ofMillis(300), Duration.ZERO);

        broker.publish("sensor/slow", "held back");
        broker.publish("sensor/fast", "straight through");

        assertThat(inbox.next(TIMEOUT)).isEqualTo("sensor/fast straight through");
        assertThat(inbox.next(TIMEOUT)).isEqualTo("sensor/slow held back");
    }
}
