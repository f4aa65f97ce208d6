package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class BrokerEmbeddingTest {

    @Test
    void portZeroBindsAFreePortThatPortReports() {
        try (Broker broker = Broker.builder().port(0).start();
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.ping();
            assertThat(broker.port()).isBetween(1, 65535);
            assertThat(broker.uri()).hasToString("tcp://127.0.0.1:" + broker.port());
            assertThat(broker.connectedClients()).containsExactly("c1");
        }
    }

    @Test
    void listensOnlyOnTheLoopbackAddressByDefault() throws IOException {
        Optional<InetAddress> external = nonLoopbackIpv4Address();
        assumeThat(external).as("a non-loopback IPv4 address to try").isPresent();
        try (Broker broker = Broker.builder().port(0).start()) {
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), broker.port()), 2000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void closeReleasesThePortSoANewBrokerBindsItAtOnce() {
        int port;
        try (Broker first = Broker.builder().port(0).start()) {
            port = first.port();
        }
        try (Broker second = Broker.builder().port(port).start();
             RawMqttClient client = RawMqttClient.connect(port, ConnectPacket.mqtt311("c1"))) {
            client.ping();
            assertThat(second.port()).isEqualTo(port);
            assertThat(second.connectedClients()).containsExactly("c1");
        }
    }

    @RepeatedTest(value = 20, name = "round {currentRepetition}")
    void closeReleasesBothPortsEveryTime() {
        int port;
        int websocketPort;
        try (Broker first = Broker.builder().port(0).websocketPort(0).start()) {
            port = first.port();
            websocketPort = first.websocketPort();
        }
        try (Broker second = Broker.builder().port(port).websocketPort(websocketPort).start()) {
            assertThat(second.port()).isEqualTo(port);
            assertThat(second.websocketPort()).isEqualTo(websocketPort);
        }
    }

    @Test
    void closeCanBeCalledTwice() {
        Broker broker = Broker.builder().port(0).start();
        assertThat(broker.isClosed()).isFalse();
        broker.close();
        broker.close();
        assertThat(broker.isClosed()).isTrue();
    }

    @Test
    void startingOnAPortAnotherProgramHoldsFailsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Broker.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    @Test
    void startingOnThePortOfAnotherBrokerInTheSameJvmFailsNamingThePort() {
        try (Broker running = Broker.builder().port(0).start()) {
            int port = running.port();
            assertThatThrownBy(() -> Broker.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    @Test
    void twoBrokersInOneJvmKeepSeparateClientsSubscriptionsAndMessages() throws Exception {
        try (Broker a = Broker.builder().port(0).start();
             Broker b = Broker.builder().port(0).start();
             PahoClients onA = new PahoClients(a.uri());
             PahoClients onB = new PahoClients(b.uri())) {
            MessageCollector receivedOnA = new MessageCollector();
            MessageCollector receivedOnB = new MessageCollector();
            onA.connect("same-id", receivedOnA).subscribe("t", 1);
            MqttClient subscriberOnB = onB.connect("same-id", receivedOnB);
            subscriberOnB.subscribe("t", 1);

            a.publish(Message.of("t", "for a"));
            b.publish(Message.of("t", "for b"));

            assertThat(receivedOnA.next().payload()).isEqualTo("for a");
            assertThat(receivedOnB.next().payload()).isEqualTo("for b");
            assertThat(subscriberOnB.isConnected()).as("same client id on the other broker is no takeover").isTrue();
            assertThat(a.connectedClients()).containsExactly("same-id");
            assertThat(b.connectedClients()).containsExactly("same-id");
        }
    }

    @Test
    void publishingThroughTheApiToAnInvalidTopicIsRefused() {
        try (Broker broker = Broker.builder().port(0).start()) {
            assertThatThrownBy(() -> broker.publish(Message.of("a/+", "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcards");
            assertThatThrownBy(() -> broker.publish(Message.of("", "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        }
    }

    @Test
    void websocketPortWithoutAWebSocketListenerSaysWhatToCall() {
        try (Broker broker = Broker.builder().port(0).start()) {
            assertThatThrownBy(broker::websocketPort)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("websocketPort(0)");
            assertThatThrownBy(broker::websocketUri)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("websocketPort(0)");
        }
    }

    @Test
    void websocketPortZeroBindsASecondFreePort() {
        try (Broker broker = Broker.builder().port(0).websocketPort(0).start()) {
            assertThat(broker.websocketPort()).isBetween(1, 65535).isNotEqualTo(broker.port());
            assertThat(broker.websocketUri()).hasToString("ws://127.0.0.1:" + broker.websocketPort() + "/mqtt");
        }
    }

    @Test
    void builderRejectsImpossibleSettingsNamingThem() {
        assertThatThrownBy(() -> Broker.builder().port(65536)).hasMessageContaining("port");
        assertThatThrownBy(() -> Broker.builder().websocketPort(-1)).hasMessageContaining("websocketPort");
        assertThatThrownBy(() -> Broker.builder().maxPacketSize(10)).hasMessageContaining("maxPacketSize");
        assertThatThrownBy(() -> Broker.builder().maxInflightMessages(0)).hasMessageContaining("maxInflightMessages");
        assertThatThrownBy(() -> Broker.builder().maxQueuedMessages(0)).hasMessageContaining("maxQueuedMessages");
        assertThatThrownBy(() -> Broker.builder().maxConnections(0)).hasMessageContaining("maxConnections");
    }

    private static Optional<InetAddress> nonLoopbackIpv4Address() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
