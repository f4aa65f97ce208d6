package dev.midge.junit.assertions;

import dev.midge.junit.internal.ExternalBrokerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against an external broker (here the embedded one, reached only through its URL), received messages can be
 * asserted on; what needs the broker's own journal fails at once, saying why.
 */
class ExternalModeTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();
    private static ExternalBrokerHandle external;

    @BeforeAll
    static void connectAsAnExternalBroker() {
        external = new ExternalBrokerHandle(mqtt.broker.uri().toString());
    }

    @BeforeEach
    void forgetEarlierTraffic() {
        external.recording().clear();
    }

    @AfterAll
    static void close() throws Exception {
        external.close();
        mqtt.close();
    }

    @Test
    void receivedMessagesAreAssertedOnThroughTheRecordingClient() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "21.5");

        assertThat(external).received().onTopic("raspberry/topic").withPayload("21.5").once();
    }

    @Test
    void theTranscriptSaysThePublisherIsUnknown() throws Exception {
        publish(mqtt.client("pi-1"), "raspberry/topic", "21.5");

        assertThatThrownBy(() -> assertThat(external).within(SHORT).received().onTopic("raspberry/topic")
                .withPayload("22").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic raspberry/topic with payload \"22\""
                        + " within 200ms, but none arrived.")
                .hasMessageFindingMatch("\\(unknown\\) +→ PUBLISH +raspberry/topic qos=1 retain=false \"21.5\"");
    }

    @Test
    void fromFailsBecauseThePublisherIsUnknownInExternalMode() {
        assertThatThrownBy(() -> assertThat(external).received().onTopic("raspberry/topic").from("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Cannot tell which messages client pi-1 published: the publisher is unknown"
                        + " in external mode");
    }

    @Test
    void assertionsOnTheBrokersOwnStateFailSayingTheyNeedTheEmbeddedBroker() {
        assertThatThrownBy(() -> assertThat(external).hasSubscription("pi-1", "raspberry/#"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("This assertion needs the subscriptions, which only the embedded broker"
                        + " records, but the tests run against the external broker at " + external.uri());
        assertThatThrownBy(() -> assertThat(external).hasConnectedClient("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("This assertion needs the clients' connections");
    }
}
