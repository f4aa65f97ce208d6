package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ResourceLeakTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @EnabledOnOs(OS.LINUX)
    void closedPortsLeaveNoDescriptorThreadOrFileBehind() throws Exception {
        exercisePort();
        List<String> descriptorsBefore = deviceAndPipeDescriptors();

        for (int i = 0; i < 5; i++) {
            exercisePort();
        }

        assertThat(deviceAndPipeDescriptors()).as("open descriptors other than regular files").isEqualTo(descriptorsBefore);
        assertThat(simulatorThreads()).as("simulator threads").isEmpty();
    }

    private static void exercisePort() throws IOException {
        Path link;
        Path directory;
        try (VirtualSerialPort port = VirtualSerialPort.open()) {
            link = port.path();
            directory = link.getParent();
            port.device().respondTo("PING", "PONG").echo();
            PeriodicSource sensor = port.device().emitEvery(Duration.ofMillis(5), () -> "T=20.0");
            try (PiPort app = PiPort.open(port.path(), 9600)) {
                app.write("PING\n");
                assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("PING");
                assertThat(app.lines().readLine()).isNotNull();
            }
            port.replug();
            try (PiPort app = PiPort.open(port.path(), 115200)) {
                app.write("again\n");
                assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("again");
            }
            assertThat(sensor.emitted()).isNotNegative();
        }
        assertThat(link).doesNotExist();
        assertThat(directory).doesNotExist();
    }

    // Regular files are left out: the JVM opens jars and libraries lazily, which says nothing about ports.
    private static List<String> deviceAndPipeDescriptors() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.map(ResourceLeakTest::describe)
                    .filter(target -> target.contains("-> /dev/") || target.contains(":["))
                    .sorted()
                    .toList();
        }
    }

    private static String describe(Path descriptor) {
        try {
            return descriptor.getFileName() + " -> " + Files.readSymbolicLink(descriptor);
        } catch (IOException e) {
            return descriptor.getFileName() + " (closed while listing)";
        }
    }

    private static List<String> simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("midge-serial"))
                .sorted()
                .toList();
    }
}
