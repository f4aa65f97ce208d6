package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.RawMqtt5Client;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Message Expiry Interval: a message that waited longer than it may, in a session's queue or as a retained
 * message, is not delivered; one still alive is delivered with the interval it has left. The broker runs on virtual
 * time, so minutes pass in no time.
 */
class MessageExpiryTest {

    private final Broker broker = Broker.builder().port(0).virtualTime().start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void anExpiredMessageIsNotDeliveredFromAQueueAndALiveOneCarriesItsRemainingInterval() {
        MqttProperties persistent = new MqttProperties();
        persistent.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 300));
        MqttMessageBuilders.ConnectBuilder connect = RawMqtt5Client.connectPacket("device").cleanSession(false)
                .properties(persistent);
        try (RawMqtt5Client device = RawMqtt5Client.connect(broker.port(), connect)) {
            device.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "cmd")
                    .build());
            device.expect(MqttMessageType.SUBACK);
        }
        Await.until("the device is offline", () -> broker.connectedClients().isEmpty());
        try (EventRecorder events = EventRecorder.on(broker)) {
            broker.publish(expiring("cmd", "short-lived", 5, false));
            broker.publish(expiring("cmd", "long-lived", 100, false));
            broker.virtualTime().advance(Duration.ofSeconds(10));

            try (RawMqtt5Client device = RawMqtt5Client.open(broker.port())) {
                assertThat(device.connack(connect).variableHeader().isSessionPresent()).isTrue();
                MqttPublishMessage delivered = (MqttPublishMessage) device.expect(MqttMessageType.PUBLISH);
                assertThat(delivered.payload().toString(StandardCharsets.UTF_8)).isEqualTo("long-lived");
                assertThat(delivered.variableHeader().properties()
                        .getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL).value()).isEqualTo(90);
                device.ping();
            }
            assertThat(events.await(BrokerEvent.MessageDropped.class, e -> e.clientId().equals("device")).reason())
                    .isEqualTo(DropReason.EXPIRED);
        }
    }

    @Test
    void aRetainedMessageExpiresAndALiveOneCarriesItsRemainingInterval() {
        broker.publish(expiring("status/a", "short-lived", 5, true));
        broker.publish(expiring("status/b", "long-lived", 100, true));
        broker.virtualTime().advance(Duration.ofSeconds(10));

        assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("long-lived");
        try (RawMqtt5Client late = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("late"))) {
            late.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "status/+")
                    .build());
            late.expect(MqttMessageType.SUBACK);
            MqttPublishMessage delivered = (MqttPublishMessage) late.expect(MqttMessageType.PUBLISH);
            assertThat(delivered.payload().toString(StandardCharsets.UTF_8)).isEqualTo("long-lived");
            assertThat(delivered.variableHeader().properties()
                    .getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL).value()).isEqualTo(90);
            late.ping();
        }
    }

    private static Message expiring(String topic, String payload, long seconds, boolean retain) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, retain,
                new MessageProperties(null, seconds, null, null, null, List.of()));
    }
}
