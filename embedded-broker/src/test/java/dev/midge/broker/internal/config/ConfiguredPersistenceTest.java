package dev.midge.broker.internal.config;

import dev.midge.broker.Broker;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistence keywords of a configuration file: Mosquitto's {@code persistence}, {@code persistence_location},
 * {@code persistence_file} and {@code autosave_interval}, and the broker's {@code persistence_fsync}.
 */
class ConfiguredPersistenceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "with \"{0}\"")
    @ValueSource(strings = {"", "autosave_interval 60", "persistence_fsync true"})
    void aBrokerConfiguredWithPersistenceFindsItsRetainedMessagesInTheNamedLocationAfterARestart(String policy)
            throws IOException {
        Path config = write("persistence true\npersistence_location data\n" + policy + "\n");

        try (Broker broker = Broker.builder().port(0).configFile(config).start()) {
            broker.publish(new Message("kept", "yes".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, true,
                    null));
        }
        try (Broker broker = Broker.builder().port(0).configFile(config).start()) {
            assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("yes");
        }
        assertThat(dir.resolve("data").resolve("midge.db")).isRegularFile();
    }

    @Test
    void persistenceFileNamesTheStoreInsideTheLocation() throws IOException {
        Path config = write("persistence true\npersistence_file edge.db\n");

        try (Broker broker = Broker.builder().port(0).configFile(config).start()) {
            broker.publish(new Message("kept", "yes".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, true,
                    null));
        }

        assertThat(dir.resolve("edge.db")).isRegularFile();
    }

    @Test
    void persistenceFalseKeepsNothing() throws IOException {
        Path config = write("persistence false\npersistence_location data\n");

        try (Broker broker = Broker.builder().port(0).configFile(config).start()) {
            broker.publish(new Message("kept", "yes".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, true,
                    null));
        }
        try (Broker broker = Broker.builder().port(0).configFile(config).start()) {
            assertThat(broker.retainedMessages()).isEmpty();
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("midge.conf");
        Files.writeString(file, content);
        return file;
    }
}
