package dev.midge.samples.interop;

import dev.midge.junit.MidgeExtension;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.testing.Inbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * External mode: the same kind of test, pointed at a real Mosquitto broker (Debian's package mosquitto) instead of
 * the embedded one, as docs/external-mode.md describes.
 */
@Tag("interop")
class ExternalModeInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static ExternalProgram mosquitto;
    private static int port;

    @RegisterExtension
    final MidgeExtension broker = MidgeExtension.builder().externalUrl("tcp://127.0.0.1:" + port).build();

    @BeforeAll
    static void startMosquitto() throws Exception {
        port = freePort();
        mosquitto = ExternalProgram.start("mosquitto", "/usr/sbin/mosquitto", "-p", String.valueOf(port));
        await().atMost(TIMEOUT).until(() -> accepts(port));
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void thePublisherTestRunsUnchangedAgainstMosquitto() throws Exception {
        new PiPublisher(MqttSettings.of(broker.uri().toString(), "pi")).run();

        assertThat(broker).received().onTopic("raspberry/topic").payloadsInOrder("0", "1", "2", "3", "4");
        assertThat(broker.isExternal()).isTrue();
    }

    @Test
    void theSubscriberReceivesWhatTheTestPublishesThroughMosquitto() throws Exception {
        Inbox received = new Inbox();
        try (PiSubscriber pi = new PiSubscriber(MqttSettings.of(broker.uri().toString(), "pi"), received)) {
            pi.start();

            broker.publish("raspberry/topic", "via Mosquitto");

            assertThat(received.next(TIMEOUT)).isEqualTo("raspberry/topic via Mosquitto");
        }
    }

    @Test
    void whatOnlyTheEmbeddedBrokerKnowsFailsSayingSo() {
        assertThatThrownBy(() -> broker.faults().dropConnection("pi"))
                .hasMessageContaining("fault injection needs the embedded broker's own journal")
                .hasMessageContaining("external broker at tcp://127.0.0.1:" + port);
        assertThatThrownBy(() -> broker.connectedClients())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
