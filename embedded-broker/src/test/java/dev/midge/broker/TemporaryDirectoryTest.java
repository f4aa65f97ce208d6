package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.ForkedBroker;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker writes nothing to the JVM's temporary directory: a JVM that is killed, as test engines and containers
 * do, leaves nothing behind there that the next run would have to clean up.
 */
class TemporaryDirectoryTest {

    @TempDir
    Path temporary;

    @Test
    void aBrokerThatServedAClientAndWasKilledLeavesTheTemporaryDirectoryEmpty() throws IOException {
        ForkedBroker broker = ForkedBroker.start(List.of("-Djava.io.tmpdir=" + temporary), "64m");
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.ping();
            assertThat(entries()).as("while the broker runs").isEmpty();
        } finally {
            broker.kill();
        }
        assertThat(entries()).as("after the broker was killed").isEmpty();
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> entries = Files.list(temporary)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
