package dev.midge.samples.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo tells the whole story and leaves nothing behind: no thread that keeps the JVM alive, no bound port, no
 * virtual serial port.
 */
class DemoTest {

    private static final DemoOptions FAST = new DemoOptions("127.0.0.1", 0, 0, Duration.ZERO, false, false);

    @Test
    @Timeout(60)
    void tellsTheStoryFromSensorToWillAndCleansUp() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        new Demo(FAST, new PrintStream(output, true, StandardCharsets.UTF_8)).run();

        String story = output.toString(StandardCharsets.UTF_8);
        assertThat(story)
                .containsPattern("broker received emqx/serial/read temperature=21\\.0 from raspberry-pi-serial-reader")
                .contains("the Pi's subscriber received: 0, 1, 2, 3, 4")
                .contains("the LED driver on the serial port received the line: LED=ON")
                .contains("it gets the retained status at once: {\"status\": \"On\"}")
                .contains("broker published the will of raspberry-pi-subscriber: "
                        + "raspberry/status {\"status\": \"Off\"}")
                .contains("the dashboard received: {\"status\": \"Off\"}")
                .contains("Paho reconnected the Pi by itself")
                .contains("Done: every connection, port and thread is closed.");
        assertThat(portIsFree(number(story, "MQTT: +tcp://127\\.0\\.0\\.1:(\\d+)"))).isTrue();
        assertThat(portIsFree(number(story, "MQTT/WebSocket: ws://127\\.0\\.0\\.1:(\\d+)/mqtt"))).isTrue();
        assertThat(Files.exists(path(story, "serial port (\\S+/ttyAMA0)"))).isFalse();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(liveNonDaemonThreads()).isSubsetOf(threadsBefore));
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }

    private static int number(String story, String pattern) {
        return Integer.parseInt(find(story, pattern));
    }

    private static Path path(String story, String pattern) {
        return Path.of(find(story, pattern));
    }

    private static String find(String story, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(story);
        assertThat(matcher.find()).as("the story contains /%s/", pattern).isTrue();
        return matcher.group(1);
    }

    private static boolean portIsFree(int port) throws Exception {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        }
    }
}
