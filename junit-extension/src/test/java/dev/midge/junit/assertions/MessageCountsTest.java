package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How many messages, and in which order: {@code messages(n)}, {@code once()}, {@code atLeast(n)},
 * {@code atLeastOnce()} and {@code payloadsInOrder(...)}.
 */
class MessageCountsTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    private static void publishReadings(int count) throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        for (int i = 0; i < count; i++) {
            publish(pi, "raspberry/topic", String.valueOf(i));
        }
    }

    @Test
    void exactlyTheExpectedNumberOfMessagesPasses() throws Exception {
        publishReadings(5);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").messages(5)
                .extracting(Message::payloadAsString).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void fewerMessagesThanExpectedFailListingTheOnesThatArrived() throws Exception {
        publishReadings(3);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .messages(5))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 5 messages on topic raspberry/topic within 200ms, but 3"
                        + " arrived:\n  ")
                .hasMessageFindingMatch("pi-1 +→ PUBLISH +raspberry/topic qos=1 retain=false \"2\"")
                .hasMessageContaining("Broker traffic, oldest first:");
    }

    @Test
    void moreMessagesThanExpectedFail() throws Exception {
        publishReadings(6);

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().onTopic("raspberry/topic").messages(5))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 5 messages on topic raspberry/topic within 5s, but 6"
                        + " arrived:")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"5\"");
    }

    @Test
    void onceMeansExactlyOneMessage() throws Exception {
        publishReadings(1);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").once();
    }

    @Test
    void onceFailsWhenTwoMessagesArrived() throws Exception {
        publishReadings(2);

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().onTopic("raspberry/topic").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic within 5s, but 2"
                        + " arrived:")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"1\"");
    }

    @Test
    void atLeastPassesWithMoreMessages() throws Exception {
        publishReadings(4);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").atLeast(3).hasSize(4);
    }

    @Test
    void atLeastFailsWithFewerMessages() throws Exception {
        publishReadings(2);

        assertThatThrownBy(() -> assertThat(mqtt.broker).received().onTopic("raspberry/topic").within(SHORT)
                .atLeast(3))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected at least 3 messages on topic raspberry/topic within 200ms, but 2"
                        + " arrived:")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"0\"");
    }

    @Test
    void atLeastOncePassesWithAnyNumberOfMessages() throws Exception {
        publishReadings(2);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").atLeastOnce();
    }

    @Test
    void atLeastOnceFailsWithoutMessages() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/elsewhere", "0");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .atLeastOnce())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected at least 1 message on topic raspberry/topic within 200ms, but none"
                        + " arrived.")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/elsewhere qos=1 retain=false \"0\"");
    }

    @Test
    void payloadsInOrderPassesWhenThePayloadsCameInThatOrder() throws Exception {
        publishReadings(5);

        assertThat(mqtt.broker).received().onTopic("raspberry/topic").payloadsInOrder("0", "1", "2", "3", "4");
    }

    @Test
    void payloadsInAnotherOrderFailWithoutWaitingForTheRest() throws Exception {
        MqttClient pi = mqtt.client("pi-1");
        publish(pi, "raspberry/topic", "1");
        publish(pi, "raspberry/topic", "0");

        long start = System.nanoTime();
        assertThatThrownBy(() -> assertThat(mqtt.broker).received().onTopic("raspberry/topic")
                .payloadsInOrder("0", "1", "2"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the payloads \"0\", \"1\", \"2\" in this order and no others on"
                        + " topic raspberry/topic within 5s, but at index 0 \"1\" arrived where \"0\" was expected"
                        + " (2 arrived).")
                .hasMessageFindingMatch("→ PUBLISH +raspberry/topic qos=1 retain=false \"1\"");
        assertThat(System.nanoTime() - start).isLessThan(BrokerAssert.DEFAULT_TIMEOUT.toNanos());
    }

    @Test
    void payloadsInOrderFailsWhenAPayloadIsMissing() throws Exception {
        publishReadings(2);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).received().onTopic("raspberry/topic")
                .payloadsInOrder("0", "1", "2"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the payloads \"0\", \"1\", \"2\" in this order and no others on"
                        + " topic raspberry/topic within 200ms, but at index 2 \"2\" is missing (2 arrived).");
    }

    @Test
    void aCountBelowOneIsAMistakeInTheTest() {
        assertThatThrownBy(() -> assertThat(mqtt.broker).received().messages(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothingDuring");
    }
}
