package dev.midge.broker.cli;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerStatistics;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.config.ConfigFile;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import dev.midge.broker.testing.TlsContexts;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    private static final long PROCESS_TIMEOUT_SECONDS = 20;
    private static final Pattern TCP_URI = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SSL_URI = Pattern.compile("ssl://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern CA_FILE = Pattern.compile("CA file (\\S+)");

    @Test
    void startHonoursThePortsAndTheBannerListsBothUris() {
        try (Broker broker = Main.start(Options.parse(List.of("--port", "0", "--ws-port", "0")))) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Main.printBanner(broker, Options.parse(List.of("--ws-port", "0")), null,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                    "tcp://127.0.0.1:" + broker.port(),
                    "ws://127.0.0.1:" + broker.websocketPort() + "/mqtt",
                    "Ctrl-C");
        }
    }

    @Test
    void theBannerOmitsTheWebSocketUriWhenThereIsNone() {
        Options options = Options.parse(List.of("--port", "0"));
        try (Broker broker = Main.start(options)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Main.printBanner(broker, options, null, new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("tcp://").doesNotContain("ws://", "ssl://",
                    "CA file");
        }
    }

    @Test
    void startAppliesTheMemoryBounds() {
        try (Broker broker = Main.start(Options.parse(List.of("--port", "0", "--memory-budget", "3m",
                "--max-queued-bytes", "1k")))) {
            try (RawMqttClient away = RawMqttClient.connect(broker.port(),
                    ConnectPacket.mqtt311("away").cleanSession(false))) {
                away.send(MqttPackets.subscribe(1, "t", 1));
                away.expect(Packet.SUBACK);
            }
            Await.until("away is offline", () -> broker.connectedClients().isEmpty());
            for (int i = 0; i < 2; i++) {
                broker.publish(new Message("t", new byte[600], QoS.AT_LEAST_ONCE, false, MessageProperties.NONE));
            }

            BrokerStatistics statistics = broker.statistics();
            assertThat(statistics.memoryBudget()).isEqualTo(3L << 20);
            assertThat(statistics.messagesDroppedByReason().get(DropReason.QUEUE_FULL))
                    .as("the second message does not fit in 1 KiB").isEqualTo(1);
        }
    }

    @Test
    void startTurnsTopicAliasesOffWhenAsked() {
        MqttProperties aliasesWanted = new MqttProperties();
        aliasesWanted.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 10));
        try (Broker broker = Main.start(Options.parse(List.of("--port", "0", "--no-topic-aliases")));
             RawMqtt5Client client = RawMqtt5Client.connect(broker.port(),
                     RawMqtt5Client.connectPacket("c").properties(aliasesWanted))) {
            client.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "#").build());
            client.expect(MqttMessageType.SUBACK);
            for (int i = 0; i < 2; i++) {
                broker.publish(new Message("sensors/kitchen", new byte[1], QoS.AT_MOST_ONCE, false,
                        MessageProperties.NONE));
            }

            for (int i = 0; i < 2; i++) {
                MqttPublishMessage publish = (MqttPublishMessage) client.expect(MqttMessageType.PUBLISH);
                assertThat(publish.variableHeader().topicName()).isEqualTo("sensors/kitchen");
                assertThat(publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS)).isNull();
            }
        }
    }

    @Test
    void startOnABusyPortFailsNamingThePort() {
        try (Broker running = Broker.builder().port(0).start()) {
            Options options = Options.parse(List.of("--port", String.valueOf(running.port())));
            assertThatThrownBy(() -> Main.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + running.port());
        }
    }

    @Test
    void theCommandLineServesClientsAndStopsOnTermination() throws Exception {
        Process process = launch("--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> portFromBanner(out))
                    .get(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try (RawMqttClient client = RawMqttClient.connect(port, ConnectPacket.mqtt311("cli-client"))) {
                client.ping();
            }

            process.toHandle().destroy();
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(remainingLines(out)).contains("Midge stopped.");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theTlsListenerPresentsTheCertificateInTheCaFileTheBannerNames() throws Exception {
        Process process = launch("--port", "0", "--tls-port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> banner = CompletableFuture.supplyAsync(() -> linesUntil(out, "Press Ctrl-C"))
                    .get(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int tlsPort = Integer.parseInt(find(banner, SSL_URI));
            Path caFile = Path.of(find(banner, CA_FILE));

            try (SSLSocket socket = (SSLSocket) TlsContexts.trusting(caFile).getSocketFactory()
                    .createSocket("127.0.0.1", tlsPort)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(ConnectPacket.mqtt311("over-tls").build());
                assertThat(socket.getInputStream().readNBytes(4)).containsExactly(0x20, 2, 0, 0);
            }

            process.toHandle().destroy();
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(caFile).as("the self-signed certificate is deleted on exit").doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadFlagExitsWithStatus2AndAMessageNamingIt() throws Exception {
        Process process = launch("--prot", "1883");
        try {
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(text(process.getErrorStream())).contains("--prot", "Usage:");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void checkConnectsOneClientReportsAndExitsWithStatus0() throws Exception {
        Process process = launch("--check", "--port", "0");
        try {
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(0);
            assertThat(text(process.getInputStream())).containsPattern(
                    "Midge check passed: tcp://127\\.0\\.0\\.1:\\d+ accepted an MQTT 3\\.1\\.1 client\\.");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void checkFailsNamingTheCodeWhenTheBrokerRefusesAndClosesTheBroker() {
        Broker broker = Broker.builder().port(0).start();
        broker.refuseNextConnects(ConnectCode.NOT_AUTHORIZED, 1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        boolean passed = Main.check(broker, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));

        assertThat(passed).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("check failed", "CONNACK 5");
        assertThatThrownBy(() -> RawMqttClient.open(broker.port()))
                .as("the broker is closed after the check").isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aConfigurationFileSetsTheListenerRequiresThePasswordsOfItsPasswordFileAndLogsWhatItIgnores(@TempDir Path dir)
            throws Exception {
        Files.copy(MainTest.class.getResourceAsStream("/dev/midge/broker/internal/config/mosquitto-2.0.11.passwd"),
                dir.resolve("passwd"));
        Path config = Files.writeString(dir.resolve("midge.conf"), """
                log_dest stdout
                listener 0
                allow_anonymous false
                password_file passwd
                """);
        Process process = launch("--config", config.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> portFromBanner(out))
                    .get(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertThat(connackCode(port, ConnectPacket.mqtt311("anonymous"))).isEqualTo(5);
            assertThat(connackCode(port, ConnectPacket.mqtt311("alice").credentials("alice", "hunter2"))).isEqualTo(4);
            assertThat(connackCode(port, ConnectPacket.mqtt311("alice").credentials("alice", "secret"))).isZero();

            process.toHandle().destroy();
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(text(process.getErrorStream()).lines().filter(line -> line.contains(" INFO ")))
                    .singleElement().asString().contains(config + ":1: ignoring 'log_dest'");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMistakeInTheConfigurationFileExitsWithStatus1NamingFileAndLine(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("midge.conf"), "listener 0\nmax_keepalive forever\n");
        Process process = launch("-c", config.toString());
        try {
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(text(process.getErrorStream())).isEqualTo("midge-broker: " + config
                    + ":2: max_keepalive must be a whole number from 1 to 65535, not 'forever'" + System.lineSeparator());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void startAppliesTheLimitsOfTheConfigurationFile(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), "listener 0\nmax_connections 1\n");
        Options options = Options.parse(List.of("-c", config.toString()), ConfigFile.read(config));
        try (Broker broker = Main.start(options, ConfigFile.read(config));
             RawMqttClient first = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("first"))) {
            first.ping();

            assertThat(connackCode(broker.port(), ConnectPacket.mqtt311("second"))).as("server unavailable")
                    .isEqualTo(3);
        }
    }

    private static int connackCode(int port, ConnectPacket connect) {
        try (RawMqttClient client = RawMqttClient.open(port)) {
            client.send(connect.build());
            return client.expect(Packet.CONNACK).connackCode();
        }
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static int portFromBanner(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher uri = TCP_URI.matcher(line);
                if (uri.find()) {
                    return Integer.parseInt(uri.group(1));
                }
            }
            throw new AssertionError("The broker ended without printing its address");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> linesUntil(BufferedReader out, String last) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.contains(last)) {
                    return lines;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("The broker ended before printing \"" + last + "\": " + lines);
    }

    private static String find(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("No line matches " + pattern + " in " + lines);
    }

    private static List<String> remainingLines(BufferedReader out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static String text(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
