package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.V5MessageCollector;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.midge.broker.testing.RawMqtt5Client.connectPacketWithWill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5 wills: the will delay interval, cancelled when the client comes back in time and cut short when the
 * session ends first; will properties; and DISCONNECT with reason 0x04, which asks for the will.
 */
class Mqtt5WillTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());
    private final V5MessageCollector watcher = new V5MessageCollector();

    @BeforeEach
    void watchStatus() throws Exception {
        clients.connect("watcher", watcher).subscribe("status/#", 1);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void aReconnectWithinTheWillDelayCancelsTheWill() {
        RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                connectPacketWithWill("device", "status/device", 2, 60));
        device.close();
        try (RawMqtt5Client back = RawMqtt5Client.open(broker.port())) {
            assertThat(back.connack(connectPacketWithWill("device", "status/device", 2, 60)).variableHeader()
                    .isSessionPresent()).isTrue();
            // A second client with the same delay, dropped later: its will is due after the first one's would be.
            RawMqtt5Client witness = RawMqtt5Client.connect(broker.port(),
                    connectPacketWithWill("witness", "status/witness", 2, 60));
            witness.close();

            watcher.next("status/witness", "gone");
        }
    }

    @Test
    void aWillIsPublishedWhenTheSessionEndsBeforeTheWillDelay() {
        RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                connectPacketWithWill("device", "status/device", 600, 1));
        device.close();

        watcher.next("status/device", "gone");
    }

    @Test
    void aWillCarriesItsPropertiesToSubscribers() throws Exception {
        org.eclipse.paho.mqttv5.common.packet.MqttProperties properties =
                new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        properties.setContentType("text/plain");
        properties.setResponseTopic("status/ack");
        properties.setCorrelationData(new byte[]{1, 2, 3});
        properties.setUserProperties(List.of(new UserProperty("site", "kitchen")));
        MqttConnectionOptions options = PahoV5Clients.options();
        options.setWill("status/device", new org.eclipse.paho.mqttv5.common.MqttMessage(
                "gone".getBytes(StandardCharsets.UTF_8), 1, false, null));
        options.setWillMessageProperties(properties);
        MqttClient device = clients.connect("device", new V5MessageCollector(), options);

        device.disconnectForcibly(0, 1000, false);

        var received = watcher.next("status/device", "gone").properties();
        assertThat(received.getContentType()).isEqualTo("text/plain");
        assertThat(received.getResponseTopic()).isEqualTo("status/ack");
        assertThat(received.getCorrelationData()).containsExactly(1, 2, 3);
        assertThat(received.getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("site", "kitchen"));
    }

    @Test
    void disconnectWithReasonWithWillMessageSendsTheWill() {
        try (RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                connectPacketWithWill("device", "status/device", 0, 0))) {
            device.send(disconnect(0x04));
            device.awaitClosed(Duration.ofSeconds(5));
        }

        watcher.next("status/device", "gone");
    }

    @Test
    void aNormalDisconnectDoesNotSendTheWill() throws Exception {
        try (RawMqtt5Client device = RawMqtt5Client.connect(broker.port(),
                connectPacketWithWill("device", "status/device", 0, 0))) {
            device.send(disconnect(0x00));
            device.awaitClosed(Duration.ofSeconds(5));
        }
        clients.connect("marker", new V5MessageCollector())
                .publish("status/marker", "here".getBytes(StandardCharsets.UTF_8), 1, false);

        watcher.next("status/marker", "here");
    }

    private static MqttMessage disconnect(int reasonCode) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, MqttProperties.NO_PROPERTIES));
    }
}
