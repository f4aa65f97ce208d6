package dev.midge.broker;

import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.RawWebSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT over WebSocket on {@code /mqtt}, beside TCP, in front of the same broker state.
 */
class WebSocketTransportTest {

    private static final Duration FAST_CLOSE = Duration.ofSeconds(3);

    private final Broker broker = Broker.builder().port(0).websocketPort(0)
            .connectTimeout(Duration.ofSeconds(30)).start();
    private final PahoClients tcpClients = new PahoClients(broker.uri());
    private final PahoClients wsClients = new PahoClients(broker.websocketUri());

    @AfterEach
    void tearDown() {
        wsClients.close();
        tcpClients.close();
        broker.close();
    }

    @Test
    void aWebSocketClientAndATcpClientExchangeMessagesBothWays() throws Exception {
        MessageCollector overWebSocket = new MessageCollector();
        MessageCollector overTcp = new MessageCollector();
        try (EventRecorder events = EventRecorder.on(broker)) {
            MqttClient wsClient = wsClients.connect("ws-client", overWebSocket);
            MqttClient tcpClient = tcpClients.connect("tcp-client", overTcp);
            wsClient.subscribe("to/ws", 2);
            tcpClient.subscribe("to/tcp", 2);

            tcpClient.publish("to/ws", "hello browser".getBytes(StandardCharsets.UTF_8), 2, false);
            wsClient.publish("to/tcp", "hello device".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(overWebSocket.next("to/ws", "hello browser").qos()).isEqualTo(2);
            assertThat(overTcp.next("to/tcp", "hello device").qos()).isEqualTo(1);
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> e.clientId().equals("ws-client"))
                    .transport()).isEqualTo(Transport.WEBSOCKET);
            assertThat(events.await(BrokerEvent.ClientConnected.class, e -> e.clientId().equals("tcp-client"))
                    .transport()).isEqualTo(Transport.TCP);
        }
    }

    @Test
    void largeMessagesCrossTheWebSocketBothWays() throws Exception {
        MessageCollector overWebSocket = new MessageCollector();
        MqttClient wsClient = wsClients.connect("ws-client", overWebSocket);
        wsClient.subscribe("big", 1);
        String payload = "x".repeat(200_000);

        wsClient.publish("big", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        broker.publish(new Message("big", payload.getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false, null));

        assertThat(overWebSocket.next().payload()).as("published over the WebSocket").isEqualTo(payload);
        assertThat(overWebSocket.next().payload()).as("published by the broker").isEqualTo(payload);
    }

    @Test
    void aPacketOverTheMaximumSizeEndsTheWebSocketConnectionAsTooLarge() throws Exception {
        try (Broker small = Broker.builder().port(0).websocketPort(0).maxPacketSize(1024).start();
             EventRecorder events = EventRecorder.on(small);
             PahoClients clients = new PahoClients(small.websocketUri())) {
            MessageCollector inbox = new MessageCollector();
            MqttClient client = clients.connect("big", inbox);
            try {
                client.publish("t", new byte[2048], 0, false);
            } catch (MqttException closedUnderIt) {
                // Paho may still be writing the frame when the broker closes: the end of the connection is the point
            }

            inbox.awaitConnectionLost();
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("big")).reason())
                    .isEqualTo(DisconnectReason.PACKET_TOO_LARGE);
        }
    }

    @Test
    void aWebSocketFrameBeingReceivedCountsInTheMemoryBudgetAndOneWithoutRoomEndsItsConnectionAsQuotaExceeded() {
        byte[] publish = MqttPackets.publish("big", new byte[200_000], 1, 1);
        byte[] frame = RawWebSocket.frame(RawWebSocket.BINARY, publish);
        byte[] firstHalf = Arrays.copyOf(frame, frame.length / 2);
        try (Broker small = Broker.builder().port(0).websocketPort(0).memoryBudget(300_000).start();
             EventRecorder events = EventRecorder.on(small);
             RawWebSocket slow = RawWebSocket.open(small.websocketPort(), "mqtt");
             RawWebSocket next = RawWebSocket.open(small.websocketPort(), "mqtt")) {
            slow.sendBinary(ConnectPacket.mqtt311("slow").build());
            slow.read();
            next.sendBinary(ConnectPacket.mqtt311("next").build());
            next.read();

            slow.sendRaw(firstHalf);
            Await.until("the frame being received holds its size in the budget",
                    () -> small.statistics().memoryUsed() >= publish.length);
            next.sendRaw(firstHalf);
            next.awaitClosed(FAST_CLOSE);
            assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> e.clientId().equals("next")).reason())
                    .isEqualTo(DisconnectReason.QUOTA_EXCEEDED);

            slow.sendRaw(Arrays.copyOfRange(frame, firstHalf.length, frame.length));
            assertThat(slow.read().payload()[0] & 0xF0).as("PUBACK").isEqualTo(0x40);
            Await.until("the room is given back", () -> small.statistics().memoryUsed() == 0);
        }
    }

    @Test
    void plainMqttSentToTheWebSocketPortIsClosedFast() {
        try (RawMqttClient client = RawMqttClient.open(broker.websocketPort())) {
            client.send(ConnectPacket.mqtt311("confused").build());
            assertThat(client.awaitClosed(FAST_CLOSE)).isEmpty();
        }
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    void aTextFrameClosesTheConnection() throws Exception {
        CompletableFuture<String> ended = new CompletableFuture<>();
        WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(broker.websocketUri(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        ended.complete("closed with " + statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        ended.complete("ended by " + error);
                    }
                }).get(FAST_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(webSocket.getSubprotocol()).isEqualTo("mqtt");

        webSocket.sendText("MQTT travels in binary frames", true);

        assertThat(ended.get(FAST_CLOSE.toMillis(), TimeUnit.MILLISECONDS)).isNotEmpty();
    }

    @Test
    void anHttpRequestForAnotherPathGets404() throws IOException {
        assertThat(statusLineOf("GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 404");
    }

    @Test
    void aWebSocketUpgradeForAnotherPathGets404() throws IOException {
        assertThat(statusLineOf("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n")).startsWith("HTTP/1.1 404");
    }

    @Test
    void theWebSocketHandshakeOnMqttSwitchesProtocols() throws IOException {
        assertThat(statusLineOf("GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n"))
                .startsWith("HTTP/1.1 101");
    }

    private String statusLineOf(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.websocketPort())) {
            socket.setSoTimeout((int) FAST_CLOSE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            return status == null ? "(connection closed without a response)" : status;
        }
    }
}
