package dev.midge.samples.interop;

import dev.midge.broker.DisconnectReason;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.testing.Inbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's own kind of client, Python paho-mqtt, and the Java samples talk to each other through the embedded
 * broker; killing the Python subscriber fires its will, as the guide tests it.
 */
@Tag("interop")
@MqttBroker
class PythonPahoInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PYTHON_SUBSCRIBER = "python-pi-subscriber";

    private static ExternalProgram pythonSubscriber(BrokerHandle broker) throws Exception {
        ExternalProgram subscriber = PythonPaho.run("pi_subscriber.py", broker.host(), String.valueOf(broker.port()),
                PYTHON_SUBSCRIBER);
        assertThat(broker).within(TIMEOUT).hasSubscription(PYTHON_SUBSCRIBER, "raspberry/topic");
        return subscriber;
    }

    @Test
    void thePythonSubscriberReceivesTheJavaPublishersNumbers(BrokerHandle broker) throws Exception {
        try (ExternalProgram subscriber = pythonSubscriber(broker)) {
            new PiPublisher(MqttSettings.of(broker.uri().toString(), "java-publisher"), "raspberry/topic", 1, false)
                    .run();

            assertThat(subscriber.nextLines(6, TIMEOUT)).containsExactly("connected with result code 0",
                    "raspberry/topic 0", "raspberry/topic 1", "raspberry/topic 2", "raspberry/topic 3",
                    "raspberry/topic 4");
        }
    }

    @Test
    void killingThePythonSubscriberMakesTheBrokerPublishItsWill(BrokerHandle broker, MqttClients clients)
            throws Exception {
        Inbox status = new Inbox();
        clients.v3("java-status-watcher").subscribe("raspberry/status", 1, status);
        try (ExternalProgram subscriber = pythonSubscriber(broker)) {

            subscriber.kill();

            assertThat(status.next(TIMEOUT)).isEqualTo("raspberry/status {\"status\": \"Off\"}");
            assertThat(broker).hasDisconnectedClient(PYTHON_SUBSCRIBER).withReason(DisconnectReason.CONNECTION_LOST);
        }
    }

    @Test
    void theJavaSubscriberReceivesWhatThePythonPublisherSends(BrokerHandle broker) throws Exception {
        Inbox received = new Inbox();
        try (PiSubscriber subscriber = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "java-subscriber"),
                received)) {
            subscriber.start();

            try (ExternalProgram publisher = PythonPaho.run("pi_publisher.py", broker.host(),
                    String.valueOf(broker.port()), "python-pi-publisher", "1")) {
                publisher.awaitSuccess(TIMEOUT);
            }

            assertThat(received.next(5, TIMEOUT)).containsExactly("raspberry/topic 0", "raspberry/topic 1",
                    "raspberry/topic 2", "raspberry/topic 3", "raspberry/topic 4");
            assertThat(broker).hasDisconnectedClient("python-pi-publisher").cleanly();
        }
    }
}
