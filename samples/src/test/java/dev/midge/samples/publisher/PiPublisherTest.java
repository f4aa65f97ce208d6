package dev.midge.samples.publisher;

import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.testing.Inbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pi's publisher sends 0 to 4, in order, with the QoS and retain flag it is given.
 */
@MqttBroker
class PiPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void sendsZeroToFourToRaspberryTopicInOrder(BrokerHandle broker, MqttClients clients) throws Exception {
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.v3("desktop-client");
        subscriber.subscribe("raspberry/topic", 2, inbox);

        new PiPublisher(MqttSettings.of(broker.uri().toString(), PiPublisher.DEFAULT_CLIENT_ID)).run();

        assertThat(inbox.next(5, TIMEOUT)).containsExactly("raspberry/topic 0", "raspberry/topic 1",
                "raspberry/topic 2", "raspberry/topic 3", "raspberry/topic 4");
        assertThat(broker).received().from(PiPublisher.DEFAULT_CLIENT_ID).onTopic("raspberry/topic")
                .withQos(QoS.AT_MOST_ONCE).notRetained().payloadsInOrder("0", "1", "2", "3", "4");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void publishesWithTheQosAndRetainFlagItIsGiven(int qos, BrokerHandle broker) throws Exception {
        new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi"), "raspberry/topic", qos, true).run();

        assertThat(broker).received().onTopic("raspberry/topic").withQos(QoS.of(qos)).retained()
                .payloadsInOrder("0", "1", "2", "3", "4");
        assertThat(broker).hasRetainedMessage("raspberry/topic").withPayload("4");
    }

    @Test
    void aClientThatSubscribesAfterARetainedRunReceivesOnlyTheLastNumber(BrokerHandle broker, MqttClients clients)
            throws Exception {
        new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi"), "raspberry/topic", 1, true).run();

        Inbox inbox = new Inbox();
        clients.v3("late-client").subscribe("raspberry/topic", 1, inbox);

        broker.publish("raspberry/topic", "live");

        assertThat(inbox.next(2, TIMEOUT)).containsExactly("raspberry/topic 4", "raspberry/topic live");
        assertThat(inbox.pahoMessages().get(0).isRetained()).isTrue();
    }
}
