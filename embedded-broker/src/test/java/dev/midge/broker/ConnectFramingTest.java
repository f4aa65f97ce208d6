package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.WireBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.midge.broker.testing.WireBytes.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CONNECT keeps every field, its will's included, however the network cuts it: here one byte per write, in each
 * protocol version the broker speaks.
 */
class ConnectFramingTest {

    private final Map<String, ConnectRequest> requests = new ConcurrentHashMap<>();
    private final Broker broker = Broker.builder().port(0).authenticator(request -> {
        requests.put(request.clientId(), request);
        return ConnectCode.ACCEPTED;
    }).start();
    private final PahoClients clients = new PahoClients(broker.uri());

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    @Test
    void anMqtt5ConnectWithAWillSentOneByteAtATimeKeepsEveryField() {
        byte[] connect = WireBytes.create().string("MQTT").u8(5)
                .u8(0x80 | 0x40 | 0x20 | 0x08 | 0x04)
                .u16(45)
                .properties(WireBytes.create()
                        .u8(0x11).u32(300)
                        .u8(0x21).u16(20)
                        .u8(0x26).string("site").string("north"))
                .string("meter-7")
                .properties(WireBytes.create()
                        .u8(0x01).u8(1)
                        .u8(0x03).string("text/plain")
                        .u8(0x08).string("meters/7/ask")
                        .u8(0x09).u16(2).u8(0xCA, 0xFE)
                        .u8(0x26).string("cause").string("power")
                        .u8(0x26).string("cause").string("cable"))
                .string("meters/7/status").u16(7).bytes(bytesOf("offline"))
                .string("reader").u16(3).u8(1, 2, 3)
                .packet(0x10);

        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.open(broker.port())) {
            sendOneByteAtATime(client, connect);

            Packet connack = client.expect(Packet.CONNACK);
            assertThat(connack.connackCode()).isZero();
            assertThat(connack.sessionPresent()).isFalse();
            BrokerEvent.ClientConnected connected = events.await(BrokerEvent.ClientConnected.class,
                    e -> e.clientId().equals("meter-7"));
            assertThat(connected.protocolVersion()).isEqualTo(5);
            assertThat(connected.cleanStart()).isFalse();
            assertThat(connected.keepAliveSeconds()).isEqualTo(45);
            assertThat(connected.username()).isEqualTo("reader");
            assertThat(requests.get("meter-7").password()).containsExactly(1, 2, 3);
        }

        Await.until("the retained will is stored", () -> !broker.retainedMessages().isEmpty());
        Message will = broker.retainedMessages().get(0);
        assertThat(will.topic()).isEqualTo("meters/7/status");
        assertThat(will.payloadAsString()).isEqualTo("offline");
        assertThat(will.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        MessageProperties properties = will.properties();
        assertThat(properties.payloadFormatIndicator()).isEqualTo(1);
        assertThat(properties.contentType()).isEqualTo("text/plain");
        assertThat(properties.responseTopic()).isEqualTo("meters/7/ask");
        assertThat(properties.correlationData()).containsExactly(0xCA, 0xFE);
        assertThat(properties.userProperties()).containsExactly(new UserProperty("cause", "power"),
                new UserProperty("cause", "cable"));
        try (RawMqttClient again = RawMqttClient.open(broker.port())) {
            again.send(WireBytes.create().string("MQTT").u8(5).u8(0x00).u16(0).properties(WireBytes.create())
                    .string("meter-7").packet(0x10));
            assertThat(again.expect(Packet.CONNACK).sessionPresent()).as("the session outlived its connection")
                    .isTrue();
        }
    }

    @Test
    void anMqtt31ConnectWithAWillSentOneByteAtATimeKeepsEveryField() throws Exception {
        MessageCollector wills = new MessageCollector();
        clients.connect("watcher", wills).subscribe("legacy/#", 1);
        byte[] connect = ConnectPacket.mqtt311("legacy-1").protocol("MQIsdp", 3).keepAliveSeconds(20)
                .will("legacy/1/status", "gone", 1, false).credentials("old", "secret").build();

        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.open(broker.port())) {
            sendOneByteAtATime(client, connect);

            assertThat(client.expect(Packet.CONNACK).connackCode()).isZero();
            BrokerEvent.ClientConnected connected = events.await(BrokerEvent.ClientConnected.class,
                    e -> e.clientId().equals("legacy-1"));
            assertThat(connected.protocolVersion()).isEqualTo(3);
            assertThat(connected.keepAliveSeconds()).isEqualTo(20);
            assertThat(connected.username()).isEqualTo("old");
            assertThat(requests.get("legacy-1").passwordAsString()).isEqualTo("secret");
        }

        assertThat(wills.next("legacy/1/status", "gone").qos()).isEqualTo(1);
    }

    @Test
    void anMqtt31ConnectWithoutAClientIdentifierIsRefusedAsIdentifierRejected() {
        try (RawMqttClient client = RawMqttClient.open(broker.port())) {
            sendOneByteAtATime(client, ConnectPacket.mqtt311("").protocol("MQIsdp", 3).build());

            List<Packet> answer = client.awaitClosed(RawMqttClient.READ_TIMEOUT);
            assertThat(answer).extracting(Packet::typeName).containsExactly("CONNACK");
            assertThat(answer.get(0).connackCode()).isEqualTo(ConnectCode.IDENTIFIER_REJECTED.returnCode());
        }
    }

    private static void sendOneByteAtATime(RawMqttClient client, byte[] bytes) {
        for (byte b : bytes) {
            client.send(new byte[]{b});
        }
    }
}
