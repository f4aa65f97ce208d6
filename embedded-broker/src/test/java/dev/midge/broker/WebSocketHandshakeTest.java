package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WebSocket listener speaks MQTT only to clients that ask for it by subprotocol ({@code mqtt}, or
 * {@code mqttv3.1} for old clients), and ends a connection with exactly one Close handshake.
 */
class WebSocketHandshakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Broker broker = Broker.builder().port(0).websocketPort(0).start();

    @AfterEach
    void tearDown() {
        broker.close();
    }

    @ParameterizedTest(name = "subprotocol {0} is accepted")
    @ValueSource(strings = {"mqtt", "mqttv3.1"})
    void theMqttSubprotocolsAreAcceptedAndNamedInTheResponse(String subprotocol) {
        try (RawWebSocket socket = RawWebSocket.open(broker.websocketPort(), subprotocol)) {
            assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101")
                    .containsIgnoringCase("sec-websocket-protocol: " + subprotocol + "\r\n");
        }
    }

    @Test
    void aClientOfferingSeveralSubprotocolsGetsMqtt() {
        try (RawWebSocket socket = RawWebSocket.open(broker.websocketPort(), "chat, mqtt")) {
            assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101")
                    .containsIgnoringCase("sec-websocket-protocol: mqtt\r\n");
        }
    }

    @ParameterizedTest(name = "subprotocol \"{0}\" is refused with 400")
    @ValueSource(strings = {"foo", "mqtt5, chat", ""})
    void aHandshakeWithoutAnMqttSubprotocolIsRefused(String subprotocol) {
        try (RawWebSocket socket = RawWebSocket.open(broker.websocketPort(),
                subprotocol.isEmpty() ? null : subprotocol)) {
            assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 400");
            assertThat(socket.awaitClosed(TIMEOUT)).isEmpty();
        }
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void theJdkWebSocketClientOfferingAnotherSubprotocolFailsItsHandshake() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("foo")
                .buildAsync(broker.websocketUri(), new WebSocket.Listener() {
                }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void theClientsCloseIsAnsweredByExactlyOneClose() {
        try (RawWebSocket socket = connected("closer")) {
            socket.sendClose(1000);

            List<RawWebSocket.Frame> frames = socket.awaitClosed(TIMEOUT);
            assertThat(frames).extracting(RawWebSocket.Frame::opcode).containsExactly(RawWebSocket.CLOSE);
            assertThat(frames.get(0).closeStatus()).isEqualTo(1000);
        }
    }

    @Test
    void aCloseBeforeAnyMqttIsAnsweredByExactlyOneClose() {
        try (RawWebSocket socket = RawWebSocket.open(broker.websocketPort(), "mqtt")) {
            socket.sendClose(1000);

            assertThat(socket.awaitClosed(TIMEOUT)).extracting(RawWebSocket.Frame::opcode)
                    .containsExactly(RawWebSocket.CLOSE);
        }
    }

    @Test
    void aDisconnectAndACloseInOneWriteAreAnsweredByExactlyOneClose() {
        try (RawWebSocket socket = connected("quick")) {
            socket.sendRaw(MqttPackets.concat(RawWebSocket.frame(RawWebSocket.BINARY, MqttPackets.disconnect()),
                    RawWebSocket.frame(RawWebSocket.CLOSE, new byte[]{0x03, (byte) 0xE8})));

            assertThat(socket.awaitClosed(TIMEOUT)).extracting(RawWebSocket.Frame::opcode)
                    .containsExactly(RawWebSocket.CLOSE);
        }
    }

    @Test
    void whenTheBrokerEndsTheConnectionItSendsExactlyOneCloseAndNoEmptyFrame() {
        try (RawWebSocket socket = connected("leaver")) {
            socket.sendBinary(MqttPackets.disconnect());

            List<RawWebSocket.Frame> frames = socket.awaitClosed(TIMEOUT);
            assertThat(frames).extracting(RawWebSocket.Frame::opcode).containsExactly(RawWebSocket.CLOSE);
        }
    }

    @Test
    void aMalformedPacketOverWebSocketEndsWithExactlyOneClose() {
        try (RawWebSocket socket = connected("offender")) {
            socket.sendBinary(new byte[]{0x00, 0x00});

            List<RawWebSocket.Frame> frames = socket.awaitClosed(TIMEOUT);
            assertThat(frames).extracting(RawWebSocket.Frame::opcode).containsExactly(RawWebSocket.CLOSE);
        }
    }

    private RawWebSocket connected(String clientId) {
        RawWebSocket socket = RawWebSocket.open(broker.websocketPort(), "mqtt");
        assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101");
        socket.sendBinary(ConnectPacket.mqtt311(clientId).build());
        RawWebSocket.Frame connack = socket.read();
        assertThat(connack.opcode()).isEqualTo(RawWebSocket.BINARY);
        assertThat(connack.payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
        return socket;
    }
}
