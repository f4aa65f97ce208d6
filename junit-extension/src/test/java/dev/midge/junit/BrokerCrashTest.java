package dev.midge.junit;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.junit.testing.Inbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that crashes and restarts on its store, with the Pi's command subscriber reconnecting by itself: what the
 * broker acknowledged before the crash is there after it.
 */
@MqttBroker(persistence = true)
class BrokerCrashTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aCommandQueuedBeforeTheCrashReachesThePiOnceTheBrokerIsBack(BrokerHandle broker, MqttClients clients)
            throws Exception {
        MqttConnectOptions persistent = new MqttConnectOptions();
        persistent.setCleanSession(false);
        MqttClient pi = clients.v3("pi", persistent);
        Inbox inbox = new Inbox();
        pi.subscribe("raspberry/command", 1, inbox);
        pi.disconnect();
        broker.publish(command("reboot"));
        broker.publish(new Message("raspberry/status", "on".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE,
                true, MessageProperties.NONE));

        broker.faults().crashBroker();
        broker.faults().restartBroker();
        pi.connect(persistent);

        assertThat(inbox.next(TIMEOUT)).isEqualTo("raspberry/command reboot");
        assertThat(broker).hasRetainedMessage("raspberry/status").withPayload("on");
    }

    @Test
    void theClientSeesTheCrashAndItsSessionOutlivesIt(BrokerHandle broker, MqttClients clients) throws Exception {
        MqttClient pi = clients.v3("pi", reconnecting());
        Inbox inbox = new Inbox();
        pi.subscribe("raspberry/command", 1, inbox);

        broker.faults().crashBroker();
        await().atMost(TIMEOUT).until(() -> !pi.isConnected());
        broker.faults().restartBroker();
        await().atMost(TIMEOUT).until(pi::isConnected);
        broker.publish(command("reboot"));

        assertThat(inbox.next(TIMEOUT)).as("delivered on the subscription the session kept")
                .isEqualTo("raspberry/command reboot");
        assertThat(broker).hasSubscription("pi", "raspberry/command");
    }

    @Test
    @MqttBroker
    void withoutPersistenceTheRestartedBrokerStartsEmpty(BrokerHandle broker, MqttClients clients) throws Exception {
        clients.v3("pi", reconnecting()).subscribe("raspberry/command", 1);
        broker.publish(new Message("raspberry/status", "on".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE,
                true, MessageProperties.NONE));

        broker.faults().crashBroker();
        broker.faults().restartBroker();

        assertThat(broker.retainedMessages()).isEmpty();
        assertThat(broker.subscriptions()).isEmpty();
    }

    private static MqttConnectOptions reconnecting() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        return options;
    }

    private static Message command(String payload) {
        return new Message("raspberry/command", payload.getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false,
                MessageProperties.NONE);
    }
}
