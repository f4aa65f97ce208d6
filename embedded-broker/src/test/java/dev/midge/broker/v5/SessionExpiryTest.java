package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.Await;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean Start and the Session Expiry Interval: a session lives on after its connection for as long as the client
 * asked, at CONNECT or at DISCONNECT, and then disappears with its subscriptions and queued messages.
 */
class SessionExpiryTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoV5Clients clients = new PahoV5Clients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void aSessionWithExpiryZeroEndsWithItsConnection() throws Exception {
        MqttClient device = connectAndSubscribe(0L);
        device.disconnect();

        assertThat(reconnect(false).getSessionPresent()).isFalse();
    }

    @Test
    void aSessionOutlivesItsConnectionWithItsQueuedMessagesWithinTheInterval() throws Exception {
        MqttClient device = connectAndSubscribe(60L);
        device.disconnect();
        broker.publish(new Message("cmd", bytes("queued"), QoS.AT_LEAST_ONCE, false, null));

        V5MessageCollector collector = new V5MessageCollector();
        MqttClient again = clients.create("device", collector);
        assertThat(again.connectWithResult(options(false, 60L)).getSessionPresent()).isTrue();
        collector.next("cmd", "queued");
    }

    @Test
    void anExpiredSessionIsRemovedWithItsSubscriptionsAndQueue() throws Exception {
        MqttClient device = connectAndSubscribe(1L);
        device.disconnect();
        broker.publish(new Message("cmd", bytes("queued"), QoS.AT_LEAST_ONCE, false, null));

        Await.until("the session has expired", () -> broker.subscriptions().isEmpty());

        V5MessageCollector collector = new V5MessageCollector();
        MqttClient again = clients.create("device", collector);
        assertThat(again.connectWithResult(options(false, 60L)).getSessionPresent()).isFalse();
        again.subscribe("cmd", 1);
        broker.publish(new Message("cmd", bytes("fresh"), QoS.AT_LEAST_ONCE, false, null));
        collector.next("cmd", "fresh");
    }

    @Test
    void aSessionThatNeverExpiresIsResumed() throws Exception {
        MqttClient device = connectAndSubscribe(0xFFFFFFFFL);
        device.disconnect();

        assertThat(reconnect(false).getSessionPresent()).isTrue();
        assertThat(broker.subscriptions()).extracting(s -> s.filter()).containsExactly("cmd");
    }

    @Test
    void cleanStartDiscardsAnExistingSession() throws Exception {
        MqttClient device = connectAndSubscribe(60L);
        device.disconnect();

        assertThat(reconnect(true).getSessionPresent()).isFalse();
        assertThat(broker.subscriptions()).isEmpty();
    }

    @Test
    void anExpiryGivenAtDisconnectReplacesTheOneGivenAtConnect() {
        MqttProperties sixty = new MqttProperties();
        sixty.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 60));
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                RawMqtt5Client.connectPacket("device").cleanSession(false).properties(sixty))) {
            MqttProperties zero = new MqttProperties();
            zero.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 0));
            client.send(new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) 0, zero)));
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        }
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            assertThat(client.connack(RawMqtt5Client.connectPacket("device").cleanSession(false).properties(sixty))
                    .variableHeader().isSessionPresent()).isFalse();
        }
    }

    private MqttClient connectAndSubscribe(long expirySeconds) throws Exception {
        MqttClient device = clients.create("device", new V5MessageCollector());
        device.connect(options(false, expirySeconds));
        device.subscribe("cmd", 1);
        return device;
    }

    private org.eclipse.paho.mqttv5.client.IMqttToken reconnect(boolean cleanStart) throws Exception {
        return clients.create("device", new V5MessageCollector()).connectWithResult(options(cleanStart, 60L));
    }

    private static MqttConnectionOptions options(boolean cleanStart, long expirySeconds) {
        MqttConnectionOptions options = PahoV5Clients.options();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(expirySeconds);
        return options;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
