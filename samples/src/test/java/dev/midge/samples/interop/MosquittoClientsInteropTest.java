package dev.midge.samples.interop;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.serial.MqttToSerialBridge;
import dev.midge.samples.serial.SerialToMqttBridge;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.testing.Inbox;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's mosquitto_sub and mosquitto_pub play the desktop client of the guide's tests (MQTTX there) against the
 * Java samples.
 */
@Tag("interop")
@MqttBroker
class MosquittoClientsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PACKAGE = "mosquitto-clients";

    private static ExternalProgram mosquittoSub(BrokerHandle broker, String clientId, String topic, int count)
            throws Exception {
        ExternalProgram sub = ExternalProgram.start(PACKAGE, "mosquitto_sub", "-h", broker.host(),
                "-p", String.valueOf(broker.port()), "-i", clientId, "-q", "1", "-t", topic, "-v",
                "-C", String.valueOf(count));
        assertThat(broker).within(TIMEOUT).hasSubscription(clientId, topic);
        return sub;
    }

    private static void mosquittoPub(BrokerHandle broker, String topic, String message) throws Exception {
        try (ExternalProgram pub = ExternalProgram.start(PACKAGE, "mosquitto_pub", "-h", broker.host(),
                "-p", String.valueOf(broker.port()), "-q", "1", "-t", topic, "-m", message)) {
            pub.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void mosquittoSubSeesTheWillWhenThePiSubscribersConnectionIsCut(BrokerHandle broker) throws Exception {
        try (ExternalProgram sub = mosquittoSub(broker, "desktop", "raspberry/status", 1);
             PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), (t, m) -> { })) {
            pi.start();

            broker.faults().dropConnection("pi");

            assertThat(sub.awaitSuccess(TIMEOUT)).containsExactly("raspberry/status {\"status\": \"Off\"}");
        }
    }

    @Test
    void thePiSubscriberReceivesWhatMosquittoPubSends(BrokerHandle broker) throws Exception {
        Inbox received = new Inbox();
        try (PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), received)) {
            pi.start();

            mosquittoPub(broker, "raspberry/topic", "hello from the desktop");

            assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic hello from the desktop");
        }
    }

    @Test
    void mosquittoSubReceivesThePublishersNumbersInOrder(BrokerHandle broker) throws Exception {
        try (ExternalProgram sub = mosquittoSub(broker, "desktop", "raspberry/topic", 5)) {
            new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi"), "raspberry/topic", 1, false).run();

            assertThat(sub.awaitSuccess(TIMEOUT)).containsExactly("raspberry/topic 0", "raspberry/topic 1",
                    "raspberry/topic 2", "raspberry/topic 3", "raspberry/topic 4");
        }
    }

    @Test
    void serialLinesReachMosquittoSubAndMosquittoPubReachesTheSerialPort(
            @VirtualPort(name = "ttyAMA0") VirtualSerialPort sensor,
            @VirtualPort(name = "ttyUSB0") VirtualSerialPort led, BrokerHandle broker) throws Exception {
        try (SerialToMqttBridge reader = new SerialToMqttBridge(MqttSettings.of(broker.uri().toString(), "reader"),
                sensor.path().toString());
             MqttToSerialBridge writer = new MqttToSerialBridge(MqttSettings.of(broker.uri().toString(), "writer"),
                     led.path().toString());
             ExternalProgram sub = mosquittoSub(broker, "desktop", "emqx/serial/read", 2)) {
            reader.start();
            writer.start();

            sensor.device().sendLine("temperature=21.5").sendLine("temperature=21.6");
            mosquittoPub(broker, "emqx/serial/write", "LED=ON");

            assertThat(sub.awaitSuccess(TIMEOUT)).containsExactly("emqx/serial/read temperature=21.5",
                    "emqx/serial/read temperature=21.6");
            assertThat(led).within(TIMEOUT).receivedExactly("LED=ON".getBytes(StandardCharsets.UTF_8));
        }
    }
}
