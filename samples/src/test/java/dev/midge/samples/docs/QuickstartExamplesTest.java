package dev.midge.samples.docs;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.serial.SerialToMqttBridge;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.serial.assertions.SerialAssertions.assertThat;

/**
 * The tests shown in docs/quickstart.md, exactly as printed there.
 */
@MqttBroker
class QuickstartExamplesTest {

    @Test
    void sendsZeroToFourToRaspberryTopic(BrokerHandle broker) throws Exception {
        new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi")).run();

        assertThat(broker).received().onTopic("raspberry/topic").payloadsInOrder("0", "1", "2", "3", "4");
    }

    @Test
    void theWillIsPublishedWhenThePiDisappears(BrokerHandle broker) throws Exception {
        try (PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), (topic, text) -> { })) {
            pi.start();

            broker.faults().dropConnection("pi");

            assertThat(broker).publishedWillOf("pi").onTopic("raspberry/status")
                    .withJsonPayload("{\"status\": \"Off\"}");
        }
    }

    @Test
    void serialLinesBecomeMqttMessages(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        try (SerialToMqttBridge bridge = new SerialToMqttBridge(MqttSettings.of(broker.uri().toString(), "pi"),
                port.path().toString())) {
            bridge.start();

            port.device().sendLine("temperature=21.5").sendLine("temperature=21.6");

            assertThat(broker).received().onTopic("emqx/serial/read")
                    .payloadsInOrder("temperature=21.5", "temperature=21.6");
            assertThat(port).hasLineSettings("9600 8N1");
        }
    }
}
