package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which retained message the broker holds for a topic, and its payload and QoS.
 */
class RetainedMessagesTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    private static void retain(String topic, String payload, int qos) throws MqttException {
        MqttClient pi = mqtt.client("pi-1");
        pi.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, true);
    }

    @Test
    void aRetainedMessageOnTheTopicIsFound() throws Exception {
        retain("raspberry/status", "On", 1);

        assertThat(mqtt.broker).hasRetainedMessage("raspberry/status");
    }

    @Test
    void aMessageNotRetainedFailsSayingTheBrokerRetainsNothing() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/status", "On");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasRetainedMessage("raspberry/status"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic raspberry/status within 200ms, but the"
                        + " broker retains no message at all.")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +raspberry/status qos=1 retain=false \"On\"");
    }

    @Test
    void aMessageRetainedOnAnotherTopicFailsListingTheRetainedMessages() throws Exception {
        retain("raspberry/state", "On", 1);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasRetainedMessage("raspberry/status"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic raspberry/status within 200ms, but"
                        + " there is none on that topic.\n\nRetained messages on other topics (20 at most):\n"
                        + "  raspberry/state qos=1 retain=true \"On\"")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +raspberry/state qos=1 retain=true \"On\"");
    }

    @Test
    void theRetainedPayloadAndQosAreChecked() throws Exception {
        retain("raspberry/status", "On", 1);

        assertThat(mqtt.broker).hasRetainedMessage("raspberry/status").withPayload("On").withQos(QoS.AT_LEAST_ONCE)
                .withPayload("On".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPayloadCheckWaitsForTheRetainedMessageToBeReplaced() throws Exception {
        retain("raspberry/status", "On", 1);
        CompletableFuture.runAsync(() -> mqtt.broker.publish(new Message("raspberry/status",
                        "Off".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, true, MessageProperties.NONE)),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        assertThat(mqtt.broker).hasRetainedMessage("raspberry/status").withPayload("Off");
    }

    @Test
    void anotherRetainedPayloadFailsShowingTheRetainedMessage() throws Exception {
        retain("raspberry/status", "Off", 1);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasRetainedMessage("raspberry/status")
                .withPayload("On"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic raspberry/status with payload \"On\""
                        + " within 200ms, but the one retained does not match (different payload):\n"
                        + "  raspberry/status qos=1 retain=true \"Off\"")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +raspberry/status qos=1 retain=true \"Off\"");
    }

    @Test
    void anotherRetainedQosFailsNamingIt() throws Exception {
        retain("raspberry/status", "On", 0);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasRetainedMessage("raspberry/status")
                .withQos(QoS.EXACTLY_ONCE))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic raspberry/status with QoS 2 within"
                        + " 200ms, but the one retained does not match (QoS is 0):")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/status qos=0 retain=true \"On\"");
    }

    @Test
    void aRetainedJsonPayloadIsComparedIgnoringFormatting() throws Exception {
        retain("raspberry/status", "{ \"status\" : \"On\" }", 1);

        assertThat(mqtt.broker).hasRetainedMessage("raspberry/status").withJsonPayload("{\"status\":\"On\"}");
    }

    @Test
    void aRetainedPayloadThatIsNotJsonFailsSayingSo() throws Exception {
        retain("raspberry/status", "On", 1);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasRetainedMessage("raspberry/status")
                .withJsonPayload("{\"status\":\"On\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic raspberry/status with JSON payload"
                        + " \"{\"status\":\"On\"}\" within 200ms, but the one retained does not match (payload is not"
                        + " JSON (Unrecognized token 'On'")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/status qos=1 retain=true \"On\"");
    }
}
