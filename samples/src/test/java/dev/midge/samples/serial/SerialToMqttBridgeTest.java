package dev.midge.samples.serial;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.samples.MqttSettings;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lines a serial device sends become MQTT messages on {@code emqx/serial/read}, in order, even across a broker
 * outage.
 */
@MqttBroker
class SerialToMqttBridgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String TOPIC = SerialToMqttBridge.DEFAULT_TOPIC;

    private SerialToMqttBridge bridge;

    @AfterEach
    void closeBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private SerialToMqttBridge start(BrokerHandle broker, VirtualSerialPort port) throws Exception {
        bridge = new SerialToMqttBridge(MqttSettings.of(broker.uri().toString(), SerialToMqttBridge.DEFAULT_CLIENT_ID),
                port.path().toString());
        bridge.start();
        return bridge;
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "temperature=" + i).toList();
    }

    @Test
    void opensThePortAt9600Baud8N1(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);

        assertThat(port).isOpenedByTheApp().hasLineSettings("9600 8N1");
    }

    @Test
    void publishesEachLineToEmqxSerialReadInOrderWithoutItsLineEnding(@VirtualPort VirtualSerialPort port,
                                                                      BrokerHandle broker) throws Exception {
        start(broker, port);
        List<String> lines = numbered(1, 200);

        for (String line : lines) {
            port.device().sendLine(line);
        }

        assertThat(broker).received().onTopic(TOPIC).from(SerialToMqttBridge.DEFAULT_CLIENT_ID)
                .withQos(QoS.AT_LEAST_ONCE).notRetained().within(TIMEOUT)
                .payloadsInOrder(lines.toArray(String[]::new));
    }

    @Test
    void acceptsWindowsLineEndingsAndSkipsEmptyLines(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);

        port.device().send("T=21.5\r\n\r\n\nT=21.6\r\n");

        assertThat(broker).received().onTopic(TOPIC).payloadsInOrder("T=21.5", "T=21.6");
    }

    @Test
    void aLineThatArrivesInPiecesIsPublishedOnceAndWhole(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);

        port.device().send("temperature=2");
        port.device().send("1.5\ntemp");
        port.device().send("erature=21.6\n");

        assertThat(broker).received().onTopic(TOPIC).payloadsInOrder("temperature=21.5", "temperature=21.6");
    }

    @Test
    void reconnectsAfterABrokerOutageAndLosesNoLineAtQos1(@VirtualPort VirtualSerialPort port, BrokerHandle broker)
            throws Exception {
        start(broker, port);
        List<String> lines = numbered(1, 100);

        lines.subList(0, 50).forEach(port.device()::sendLine);
        broker.faults().takeBrokerDown();
        await().atMost(TIMEOUT).until(() -> !bridge.isConnected());
        lines.subList(50, 100).forEach(port.device()::sendLine);
        broker.faults().bringBrokerBack();

        await().atMost(TIMEOUT).until(() -> broker.receivedPayloads(TOPIC).containsAll(lines));
        // QoS 1 is at least once: a line the broker got just before going down may come again, never out of order.
        assertThat(broker.receivedPayloads(TOPIC).stream().distinct()).containsExactlyElementsOf(lines);
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
        assertThat(broker).hasDisconnectedClient(SerialToMqttBridge.DEFAULT_CLIENT_ID).cleanly();
    }
}
