package dev.midge.samples.serial;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every payload published on {@code emqx/serial/write} reaches the serial device byte for byte, in order.
 */
@MqttBroker
class MqttToSerialBridgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOPIC = MqttToSerialBridge.DEFAULT_TOPIC;

    private MqttToSerialBridge bridge;

    @AfterEach
    void closeBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private void start(BrokerHandle broker, VirtualSerialPort port) throws Exception {
        bridge = new MqttToSerialBridge(MqttSettings.of(broker.uri().toString(), MqttToSerialBridge.DEFAULT_CLIENT_ID),
                port.path().toString());
        bridge.start();
    }

    private static void publish(BrokerHandle broker, byte[] payload) {
        broker.publish(new Message(TOPIC, payload, QoS.AT_LEAST_ONCE, false, MessageProperties.NONE));
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void opensThePortAt9600Baud8N1(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);

        assertThat(port).isOpenedByTheApp().hasLineSettings("9600 8N1");
    }

    @Test
    void writesEachPayloadExactlyAsPublishedAddingNothing(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);
        byte[] everyByteValue = new byte[256];
        for (int i = 0; i < everyByteValue.length; i++) {
            everyByteValue[i] = (byte) i;
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();

        for (byte[] payload : new byte[][] {text("LED=ON"), everyByteValue, text("température\r\n")}) {
            publish(broker, payload);
            expected.writeBytes(payload);
        }

        assertThat(port).within(TIMEOUT).receivedExactly(expected.toByteArray());
    }

    @Test
    void writesPayloadsInTheOrderTheyWerePublished(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);
        StringBuilder expected = new StringBuilder();

        for (int i = 0; i < 300; i++) {
            publish(broker, text("CMD" + i + ";"));
            expected.append("CMD").append(i).append(';');
        }

        assertThat(port).within(TIMEOUT).receivedExactly(text(expected.toString()));
    }

    @Test
    void aMessagePublishedWhileItReconnectsIsWrittenOnceItIsBack(@VirtualPort VirtualSerialPort port,
                                                                 BrokerHandle broker) throws Exception {
        start(broker, port);

        broker.faults().dropConnection(MqttToSerialBridge.DEFAULT_CLIENT_ID);
        publish(broker, text("LED=OFF\n"));

        assertThat(port).within(TIMEOUT).receivedLine("LED=OFF");
        assertThat(broker.recording().events(BrokerEvent.ClientConnected.class))
                .extracting(BrokerEvent.ClientConnected::sessionPresent)
                .containsExactly(false, true);
    }

    @Test
    void closingTheBridgeReleasesTheSerialPort(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);
        assertThat(port).isOpenedByTheApp();

        bridge.close();

        assertThat(port).isClosedByTheApp();
        assertThat(broker).hasDisconnectedClient(MqttToSerialBridge.DEFAULT_CLIENT_ID).cleanly();
    }
}
