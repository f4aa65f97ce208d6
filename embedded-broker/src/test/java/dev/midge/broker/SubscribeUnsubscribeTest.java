package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SUBSCRIBE and UNSUBSCRIBE: granted QoS, refused and invalid filters, overlapping subscriptions, and the end of delivery.
 */
class SubscribeUnsubscribeTest {

    private final Broker broker = Broker.builder().port(0).start();
    private final PahoClients clients = new PahoClients(broker.uri());
    private MqttClient publisher;

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void subackGrantsTheRequestedQosForEachFilterAndEchoesThePacketId() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.subscribe(0x1234, new String[]{"q0", "q1", "q2"}, new int[]{0, 1, 2}));
            Packet suback = client.expect(Packet.SUBACK);
            assertThat(suback.packetId()).isEqualTo(0x1234);
            assertThat(suback.subackCodes()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void anInvalidFilterClosesTheConnectionAndNoFilterOfThatSubscribeIsGranted() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(),
                     ConnectPacket.mqtt311("c1").cleanSession(false))) {
            client.send(MqttPackets.subscribe(1, new String[]{"valid/+", "a/#/b"}, new int[]{1, 1}));

            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isEmpty();
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("c1")).reason())
                    .isEqualTo(DisconnectReason.PROTOCOL_ERROR);
            assertThat(broker.subscriptions()).isEmpty();
        }
    }

    @Test
    void aFilterTheAuthorizerRefusesGets0x80() {
        broker.close();
        try (Broker guarded = Broker.builder().port(0).authorizer(new Authorizer() {
                    @Override
                    public boolean canPublish(String clientId, String username, String topic) {
                        return true;
                    }

                    @Override
                    public boolean canSubscribe(String clientId, String username, String filter) {
                        return !filter.startsWith("secret");
                    }
                }).start();
             RawMqttClient client = RawMqttClient.connect(guarded.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.subscribe(1, new String[]{"secret/#", "public/#"}, new int[]{1, 1}));
            assertThat(client.expect(Packet.SUBACK).subackCodes()).containsExactly(0x80, 1);
        }
    }

    @Test
    void overlappingSubscriptionsDeliverEachMessageOnceAtTheHighestGrantedQos() throws Exception {
        MessageCollector received = new MessageCollector();
        MqttClient client = clients.connect("c1", received);
        client.subscribe(new String[]{"home/+", "home/#", "home/kitchen"}, new int[]{0, 2, 1});

        publishFromAnotherClient("home/kitchen", "21.5", 2);
        broker.publish(new Message("home/marker", "end".getBytes(StandardCharsets.UTF_8), QoS.EXACTLY_ONCE, false,
                null));

        MessageCollector.Received message = received.next("home/kitchen", "21.5");
        assertThat(message.qos()).isEqualTo(2);
        received.next("home/marker", "end");
    }

    @Test
    void subscribingAgainToTheSameFilterReplacesTheSubscription() {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.subscribe(1, "t", 0));
            client.expect(Packet.SUBACK);
            client.send(MqttPackets.subscribe(2, "t", 2));
            assertThat(client.expect(Packet.SUBACK).subackCodes()).containsExactly(2);

            assertThat(broker.subscriptions()).containsExactly(new SubscriptionInfo("c1", "t", QoS.EXACTLY_ONCE));
            broker.publish(new Message("t", "x".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false, null));
            broker.publish(Message.of("t", "end"));
            assertThat(client.expect(Packet.PUBLISH).qos()).isEqualTo(1);
            assertThat(client.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("end");
        }
    }

    @Test
    void unsubscribeStopsDeliveryAndLeavesOtherSubscriptionsInPlace() throws Exception {
        MessageCollector received = new MessageCollector();
        MqttClient client = clients.connect("c1", received);
        client.subscribe(new String[]{"t", "marker"}, new int[]{1, 1});
        publishFromAnotherClient("t", "before", 1);
        received.next("t", "before");

        client.unsubscribe("t");
        publishFromAnotherClient("t", "after", 1);
        publishFromAnotherClient("marker", "end", 1);

        received.next("marker", "end");
        assertThat(broker.subscriptions()).extracting(SubscriptionInfo::filter).containsExactly("marker");
    }

    @Test
    void unsubackEchoesThePacketIdAlsoForAFilterThatWasNeverSubscribed() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.send(MqttPackets.unsubscribe(0x0102, "never"));
            Packet unsuback = client.expect(Packet.UNSUBACK);
            assertThat(unsuback.packetId()).isEqualTo(0x0102);
            assertThat(unsuback.body()).hasSize(2);
            assertThat(events.await(BrokerEvent.Unsubscribed.class, e -> true).existed()).isFalse();
        }
    }

    private void publishFromAnotherClient(String topic, String payload, int qos) throws Exception {
        if (publisher == null) {
            publisher = clients.connect("publisher", new MessageCollector());
        }
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }
}
