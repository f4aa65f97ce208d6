package dev.midge.broker.v5;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.RawWebSocket;
import dev.midge.broker.testing.TlsContexts;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the broker ends a connection, a client that is still writing reads why (DISCONNECT, or the CONNACK refusal)
 * and then the end of the stream, not a connection reset that would lose the reason.
 */
class GracefulCloseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WRITING = Duration.ofMillis(300);

    private final Broker broker = Broker.builder().port(0).websocketPort(0).maxInflightMessages(3).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @Test
    void aClientStillWritingAfterExceedingTheReceiveMaximumReadsTheDisconnectThenTheEndOfStream() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("eager"))) {
            for (int id = 1; id <= 4; id++) {
                client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, id));
            }
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("eager"));

            keepWriting(() -> client.send(Mqtt5ReasonCodesTest.pubrel(1)));

            List<MqttMessage> packets = client.awaitEndOfStream(TIMEOUT);
            assertThat(packets).extracting(p -> p.fixedHeader().messageType()).containsExactly(
                    MqttMessageType.PUBREC, MqttMessageType.PUBREC, MqttMessageType.PUBREC, MqttMessageType.DISCONNECT);
            assertThat(RawMqtt5Client.reasonCode(packets.get(3))).isEqualTo(0x93);
        }
    }

    @Test
    void aRefusedClientStillWritingReadsTheConnackThenTheEndOfStream() {
        try (Broker refusing = Broker.builder().port(0).authenticator(request -> ConnectCode.NOT_AUTHORIZED).start();
             EventRecorder events = EventRecorder.on(refusing);
             RawMqtt5Client client = RawMqtt5Client.open(refusing.port())) {
            client.send(RawMqtt5Client.connectPacket("refused").build());
            events.await(BrokerEvent.ConnectionRefused.class, e -> e.clientId().equals("refused"));

            keepWriting(() -> client.sendBytes(MqttPackets.pingreq()));

            List<MqttMessage> packets = client.awaitEndOfStream(TIMEOUT);
            assertThat(packets).hasSize(1).first().isInstanceOf(MqttConnAckMessage.class);
            assertThat(((MqttConnAckMessage) packets.get(0)).variableHeader().connectReturnCode().byteValue() & 0xFF)
                    .isEqualTo(0x87);
        }
    }

    @Test
    void anMqtt3ClientBreakingTheProtocolIsAnsweredNoMoreAndReadsTheEndOfStream() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("twice"))) {
            client.send(ConnectPacket.mqtt311("twice").build());
            BrokerEvent.ClientDisconnected end = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("twice"));

            keepWriting(() -> client.send(MqttPackets.pingreq()));

            assertThat(client.awaitEndOfStream(TIMEOUT)).as("no PINGRESP after the violation").isEmpty();
            assertThat(end.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void aWebSocketClientStillWritingAfterBreakingTheProtocolGetsACloseFrameAndItsAnswerEndsTheConnection() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawWebSocket socket = RawWebSocket.open(broker.websocketPort(), "mqtt")) {
            assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101");
            socket.sendBinary(ConnectPacket.mqtt311("ws").build());
            assertThat(socket.read().opcode()).isEqualTo(RawWebSocket.BINARY);
            socket.sendBinary(ConnectPacket.mqtt311("ws").build());
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("ws"));

            keepWriting(() -> socket.sendBinary(MqttPackets.pingreq()));

            assertThat(socket.read().opcode()).as("no PINGRESP, then the Close").isEqualTo(RawWebSocket.CLOSE);
            socket.sendClose(1000);
            assertThat(socket.awaitClosed(TIMEOUT)).isEmpty();
        }
    }

    @Test
    void aTlsClientStillWritingAfterBreakingTheProtocolReadsTheEndOfStream() throws Exception {
        try (Broker tls = Broker.builder().port(0).tlsPort(0).start();
             EventRecorder events = EventRecorder.on(tls);
             SSLSocket socket = (SSLSocket) TlsContexts.trusting(tls.certificate().x509()).getSocketFactory()
                     .createSocket("127.0.0.1", tls.tlsPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(ConnectPacket.mqtt311("tls").build());
            assertThat(socket.getInputStream().readNBytes(4)).containsExactly(0x20, 2, 0, 0);
            out.write(ConnectPacket.mqtt311("tls").build());
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("tls"));

            keepWriting(() -> {
                try {
                    out.write(MqttPackets.pingreq());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            assertThat(socket.getInputStream().read()).as("the end of the stream, no PINGRESP").isEqualTo(-1);
        }
    }

    @Test
    void aClientThatNeverClosesIsClosedAfterTheGrace() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("stays"))) {
            for (int id = 1; id <= 4; id++) {
                client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, id));
            }
            assertThat(client.awaitEndOfStream(TIMEOUT)).last()
                    .extracting(p -> p.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);

            long start = System.nanoTime();
            long deadline = start + TIMEOUT.toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    client.sendBytes(MqttPackets.pingreq());
                    pace();
                } catch (UncheckedIOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the broker closed the connection within " + TIMEOUT).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClientFloodingTheGraceIsClosedOnceItHasSentAMebibyteWithoutWaitingForTheSecond() {
        try (EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("flood"))) {
            for (int id = 1; id <= 4; id++) {
                client.send(Mqtt5ReasonCodesTest.publish("t", MqttQoS.EXACTLY_ONCE, id));
            }
            events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("flood"));

            long start = System.nanoTime();
            byte[] chunk = new byte[64 * 1024];
            boolean closed = false;
            while (!closed && System.nanoTime() - start < TIMEOUT.toNanos()) {
                try {
                    client.sendBytes(chunk);
                } catch (UncheckedIOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the broker closed the connection").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the 1 s grace ends")
                    .isLessThan(Duration.ofMillis(700));
        }
    }

    /** Writes at a client's pace for a while, as a client does that has not read the broker's answer yet. */
    private static void keepWriting(Runnable write) {
        long end = System.nanoTime() + WRITING.toNanos();
        while (System.nanoTime() < end) {
            write.run();
            pace();
        }
    }

    private static void pace() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
}
