package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EmbeddedOnce;
import dev.midge.broker.testing.ForkedBroker;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transport the broker's connections use. Embedded brokers use the JDK's selector unless asked for epoll, which
 * costs a fresh JVM some 40 ms more to load; the standalone broker, which serves clients for long, uses epoll where
 * Netty has it (Linux on x86-64 and 64-bit ARM). Told by the classes each fresh JVM loads.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|aarch64")
class TransportChoiceTest {

    private static final String EPOLL_CLASSES = "netty.channel.epoll.";
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    @TempDir
    Path directory;

    @Test
    void anEmbeddedBrokerUsesTheJdkSelectorByDefault() throws Exception {
        List<String> loaded = embeddedBrokerLoads(List.of());

        assertThat(loaded).as("classes the JVM loaded").anyMatch(line -> line.contains("netty.channel.nio."));
        assertThat(loaded).noneMatch(line -> line.contains(EPOLL_CLASSES));
    }

    @Test
    void anEmbeddedBrokerAskedForEpollUsesIt() throws Exception {
        List<String> loaded = embeddedBrokerLoads(List.of("-Dmidge.nativeTransport=true"));

        assertThat(loaded).as("classes the JVM loaded")
                .anyMatch(line -> line.contains(EPOLL_CLASSES + "EpollIoHandler"));
        assertThat(loaded).noneMatch(line -> line.contains("netty.channel.nio.NioIoHandler"));
    }

    @Test
    void theStandaloneBrokerUsesEpollUnlessToldNotTo() throws IOException {
        assertThat(standaloneBrokerLoads(List.of())).anyMatch(line -> line.contains(EPOLL_CLASSES + "EpollIoHandler"));
        assertThat(standaloneBrokerLoads(List.of("-Dmidge.nativeTransport=false")))
                .noneMatch(line -> line.contains(EPOLL_CLASSES));
    }

    private List<String> embeddedBrokerLoads(List<String> options) throws Exception {
        Path classes = Files.createTempFile(directory, "classes", ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                EmbeddedOnce.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("output.txt").toFile()).start();
        try {
            assertThat(process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            assertThat(process.exitValue()).as(Files.readString(directory.resolve("output.txt"))).isZero();
        } finally {
            process.destroyForcibly();
        }
        return Files.readAllLines(classes);
    }

    private List<String> standaloneBrokerLoads(List<String> options) throws IOException {
        Path classes = Files.createTempFile(directory, "classes", ".txt");
        List<String> jvmOptions = new ArrayList<>(options);
        jvmOptions.add("-Xlog:class+load=info:file=" + classes);
        ForkedBroker broker = ForkedBroker.start(jvmOptions, "64m");
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("c1"))) {
            client.ping();
        } finally {
            broker.close();
        }
        return Files.readAllLines(classes);
    }
}
