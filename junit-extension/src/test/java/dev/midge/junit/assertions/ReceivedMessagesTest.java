package dev.midge.junit.assertions;

import dev.midge.broker.QoS;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which received messages {@code assertThat(broker).received()} counts: by topic, filter, publisher, payload, QoS
 * and retain flag.
 */
class ReceivedMessagesTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    @Test
    void aMessageOnTheTopicIsFound() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "21.5");

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").once();
    }

    @Test
    void noMessageOnTheTopicFailsNamingTheTopicAndShowingTheTraffic() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/other", "21.5");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic within 200ms, but none"
                        + " arrived.")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +raspberry/other qos=1 retain=false \"21.5\"");
    }

    @Test
    void aTopicFilterFindsMessagesOnEveryMatchingTopic() throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        publish(pi, "sensors/kitchen/temp", "21.5");
        publish(pi, "sensors/garden/temp", "12.0");
        publish(pi, "sensors/garden/humidity", "80");

        assertThat(mqtt.broker).received().matching("sensors/+/temp").messages(2);
    }

    @Test
    void aTopicFilterMatchingNothingFailsNamingTheFilter() throws Exception {
        publish(mqtt.client("pi-1"), "sensors/garden/humidity", "80");

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().matching("sensors/+/temp").within(SHORT)
                .atLeastOnce())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected at least 1 message on a topic matching sensors/+/temp within 200ms,"
                        + " but none arrived.")
                .hasMessageFindingMatch("→ PUBLISH +sensors/garden/humidity qos=1 retain=false \"80\"");
    }

    @Test
    void messagesAreCountedPerPublisher() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "1");
        publish(mqtt.client("pi-2"), "raspberry/topic", "2");
        mqtt.broker.publish("raspberry/topic", "from the test");

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").from("pi-2").withPayload("2").once();
    }

    @Test
    void aMessageFromAnotherPublisherFailsNamingTheWantedOne() throws Exception {
        publish(mqtt.client("pi-2"), "raspberry/topic", "2");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .from("pi-1").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic from pi-1 within 200ms,"
                        + " but none arrived.")
                .hasMessageFindingMatch("pi-2 +→ PUBLISH +raspberry/topic");
    }

    @Test
    void aTextPayloadMustBeEqual() throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        publish(pi, "raspberry/topic", "21.5");
        publish(pi, "raspberry/topic", "21.6");

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").withPayload("21.6").once();
    }

    @Test
    void aDifferentTextPayloadFailsListingTheMessagesOnTheTopicThatDidNotMatch() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "21.5");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .withPayload("22").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic with payload \"22\""
                        + " within 200ms, but none arrived.")
                .hasMessageContaining("Other messages on topic raspberry/topic:")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"21.5\"  — different"
                        + " payload");
    }

    @Test
    void aBinaryPayloadMustBeEqualByteForByte() throws Exception {
        mqtt.client("pi-1").publish("serial/raw", new byte[] {0x02, (byte) 0xFF, 0x03}, 1, false);

        assertThat(mqtt.broker).received().onTopic("serial/raw").withPayload(new byte[] {0x02, (byte) 0xFF, 0x03})
                .once();
    }

    @Test
    void aDifferentBinaryPayloadFailsShowingBothInHex() throws Exception {
        mqtt.client("pi-1").publish("serial/raw", new byte[] {0x02, (byte) 0xFE, 0x03}, 1, false);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("serial/raw")
                .withPayload(new byte[] {0x02, (byte) 0xFF, 0x03}).once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic serial/raw with payload 0x02 ff 03"
                        + " within 200ms, but none arrived.")
                .hasMessageFindingMatch("→ PUBLISH +serial/raw qos=1 retain=false 0x02 fe 03");
    }

    @Test
    void aJsonPayloadIsComparedIgnoringFormattingMemberOrderAndNumberSpelling() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/status", "{\n  \"since\": 1.0,\n  \"status\": \"Off\"\n}");

        assertThat(mqtt.broker).received().onTopic("raspberry/status")
                .withJsonPayload("{\"status\":\"Off\",\"since\":1}").once();
    }

    @Test
    void aDifferentJsonPayloadFailsSayingSo() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/status", "{\"status\": \"On\"}");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/status")
                .withJsonPayload("{\"status\":\"Off\"}").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/status with JSON payload"
                        + " \"{\"status\":\"Off\"}\" within 200ms, but none arrived.")
                .hasMessageFindingMatch("\"\\{\"status\": \"On\"}\"  — different JSON");
    }

    @Test
    void aPayloadThatIsNotJsonFailsSayingItIsNotJson() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/status", "Off");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/status")
                .withJsonPayload("{\"status\":\"Off\"}").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/status with JSON payload")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/status qos=1 retain=false \"Off\"  — payload is not"
                        + " JSON \\(Unrecognized token 'Off'");
    }

    @Test
    void anExpectedPayloadThatIsNotJsonIsAMistakeInTheTest() {
        assertThatThrownBy(() -> assertThat(mqtt.broker).received().withJsonPayload("{status: Off}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expected payload is not valid JSON");
    }

    @Test
    void theQosMustBeTheOnePublishedWith() throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        pi.publish("raspberry/topic", "0".getBytes(StandardCharsets.UTF_8), 0, false);
        pi.publish("raspberry/topic", "2".getBytes(StandardCharsets.UTF_8), 2, false);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").withQos(QoS.EXACTLY_ONCE).withPayload("2")
                .once();
    }

    @Test
    void anotherQosFailsNamingTheQosOfTheMessage() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .withQos(QoS.EXACTLY_ONCE).once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic with QoS 2 within"
                        + " 200ms, but none arrived.")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"1\"  — QoS is 1");
    }

    @Test
    void theRetainFlagMustBeTheOnePublishedWith() throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        pi.publish("raspberry/status", "On".getBytes(StandardCharsets.UTF_8), 1, true);
        publish(pi, "raspberry/status", "Blinking");

        assertThat(mqtt.broker).received().onTopic("raspberry/status").retained().withPayload("On").once();
        assertThat(mqtt.broker).received().onTopic("raspberry/status").notRetained().withPayload("Blinking").once();
    }

    @Test
    void aMessageWithoutRetainFlagDoesNotCountAsRetained() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/status", "On");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/status")
                .retained().once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/status with the retain flag"
                        + " within 200ms, but none arrived.")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/status qos=1 retain=false \"On\"  — retain flag not"
                        + " set");
    }
}
