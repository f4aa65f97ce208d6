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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's Netty reports no buffer allocations to Flight Recorder: registering those event classes cost a fresh
 * JVM about 250 ms before its first CONNACK, for events nobody records. Whatever the broker touches first, its
 * Netty must not have read its settings before the broker set this one.
 */
class FlightRecorderEventsTest {

    @TempDir
    Path directory;

    @Test
    void aFreshBrokerThatServedAClientLoadedNoNettyAllocationEventClasses() throws IOException {
        Path classes = directory.resolve("classes.txt");
        ForkedBroker broker = ForkedBroker.start(List.of("-Xlog:class+load=info:file=" + classes), "64m");
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.ping();
        } finally {
            broker.close();
        }

        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("classes the broker's JVM loaded").anyMatch(line -> line.contains("netty.buffer."));
        assertThat(loaded).noneMatch(line -> line.contains("netty.buffer.") && line.contains("BufferEvent"));
    }
}
