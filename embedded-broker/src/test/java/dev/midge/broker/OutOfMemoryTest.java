package dev.midge.broker;

import dev.midge.broker.internal.transport.EventLoopThread;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link OutOfMemoryError} on the broker's thread, or on the event-loop threads every broker of the JVM shares,
 * must not leave a broker that keeps its port open and answers nothing: it stops listening and closes every
 * connection, so clients fail fast.
 */
class OutOfMemoryTest {

    @Test
    void anOutOfMemoryErrorOnTheBrokersThreadStopsTheListenersAndClosesEveryConnection() {
        Authenticator exhausted = request -> {
            if (request.clientId().equals("last-straw")) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
            return ConnectCode.ACCEPTED;
        };
        try (Broker broker = Broker.builder().port(0).authenticator(exhausted).start();
             RawMqttClient bystander = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("bystander"));
             RawMqttClient lastStraw = RawMqttClient.open(broker.port())) {
            lastStraw.send(ConnectPacket.mqtt311("last-straw").build());

            assertThat(bystander.isClosedWithin(Duration.ofSeconds(5))).as("connections closed").isTrue();
            Await.until("the port refuses connections", () -> refusesConnections(broker.port()));
        }
    }

    @Test
    void anOutOfMemoryErrorOnASharedEventLoopThreadNoBrokerOwnsStopsTheListenersAndClosesEveryConnection() {
        try (Broker broker = Broker.builder().port(0).start();
             RawMqttClient bystander = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("bystander"))) {
            EventLoopThread.create().execute(() -> {
                throw new OutOfMemoryError("simulated: Java heap space");
            });

            assertStopped(broker, bystander);
        }
    }

    private static void assertStopped(Broker broker, RawMqttClient bystander) {
        assertThat(bystander.isClosedWithin(Duration.ofSeconds(5))).as("connections closed").isTrue();
        Await.until("the port refuses connections", () -> refusesConnections(broker.port()));
    }

    private static boolean refusesConnections(int port) {
        try (RawMqttClient probe = RawMqttClient.open(port)) {
            return false;
        } catch (UncheckedIOException refused) {
            return true;
        }
    }
}
