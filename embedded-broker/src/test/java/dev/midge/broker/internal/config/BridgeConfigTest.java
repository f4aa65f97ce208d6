package dev.midge.broker.internal.config;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeAddress;
import dev.midge.broker.BridgeTopic;
import dev.midge.broker.QoS;
import dev.midge.broker.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mosquitto's {@code connection} blocks read into bridges, and the mistakes in them refused with the line and what
 * to write instead.
 */
class BridgeConfigTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionBlockIsReadWithEverySetting() throws IOException {
        Files.writeString(dir.resolve("cloud-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        ConfigFile config = ConfigFile.read(write("""
                listener 1883
                connection cloud
                address broker.example.com:8883
                topic emqx/serial/read out 1
                topic serial/write in 2 local/ emqx/
                topic "" both 0 pi/status site1/status
                remote_clientid pi-gateway
                local_clientid pi-gateway-local
                remote_username pi
                remote_password secret
                cleansession true
                keepalive_interval 30
                bridge_cafile cloud-ca.pem
                bridge_insecure true
                bridge_protocol_version mqttv50
                try_private false
                restart_timeout 2 60
                notifications false
                notification_topic edges/pi/state
                notifications_local_only true
                """));

        assertThat(config.bridges()).hasSize(1);
        Bridge bridge = config.bridges().get(0);
        assertThat(bridge.name()).isEqualTo("cloud");
        assertThat(bridge.addresses()).containsExactly(
                new BridgeAddress(Transport.TLS, "broker.example.com", 8883, "/mqtt"));
        assertThat(bridge.topics()).containsExactly(
                new BridgeTopic("emqx/serial/read", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE, "", ""),
                new BridgeTopic("serial/write", Bridge.Direction.IN, QoS.EXACTLY_ONCE, "local/", "emqx/"),
                new BridgeTopic("", Bridge.Direction.BOTH, QoS.AT_MOST_ONCE, "pi/status", "site1/status"));
        assertThat(bridge.remoteClientId()).isEqualTo("pi-gateway");
        assertThat(bridge.localClientId()).isEqualTo("pi-gateway-local");
        assertThat(bridge.remoteUsername()).isEqualTo("pi");
        assertThat(bridge.remotePassword()).isEqualTo("secret");
        assertThat(bridge.cleanSession()).isTrue();
        assertThat(bridge.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bridge.trustedCertificates()).isEqualTo(dir.resolve("cloud-ca.pem"));
        assertThat(bridge.insecure()).isTrue();
        assertThat(bridge.protocol()).isEqualTo(Bridge.Protocol.MQTT_5);
        assertThat(bridge.tryPrivate()).isFalse();
        assertThat(bridge.restartBase()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bridge.restartCap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bridge.notifications()).isFalse();
        assertThat(bridge.localNotificationTopic()).isNull();
        assertThat(bridge.remoteNotificationTopic()).isNull();
    }

    @Test
    void aNotificationTopicNamesTheStateOnBothBrokersAndLocalOnlyKeepsItOffTheUpstream() throws IOException {
        List<Bridge> bridges = ConfigFile.read(write("""
                connection both
                address 10.0.0.5
                topic # out
                notification_topic edges/pi/state
                connection local
                address 10.0.0.5
                topic # out
                notifications_local_only true
                """)).bridges();

        assertThat(bridges.get(0).localNotificationTopic()).isEqualTo("edges/pi/state");
        assertThat(bridges.get(0).remoteNotificationTopic()).isEqualTo("edges/pi/state");
        assertThat(bridges.get(1).localNotificationTopic()).isEqualTo("$SYS/broker/connection/local/state");
        assertThat(bridges.get(1).remoteNotificationTopic()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"address", "addresses"})
    void severalAddressesOnOneLineAreTheMainOneAndItsReplacements(String keyword) throws IOException {
        Bridge bridge = ConfigFile.read(write("connection cloud\n" + keyword
                + " 10.0.0.5 10.0.0.6:1884 wss://cloud/ws\ntopic # out\nround_robin true\n")).bridges().get(0);

        assertThat(bridge.addresses()).containsExactly(
                new BridgeAddress(Transport.TCP, "10.0.0.5", 1883, "/mqtt"),
                new BridgeAddress(Transport.TCP, "10.0.0.6", 1884, "/mqtt"),
                new BridgeAddress(Transport.SECURE_WEBSOCKET, "cloud", 443, "/ws"));
        assertThat(bridge.roundRobin()).isTrue();
    }

    @Test
    void aCaFileMakesEveryAddressTls() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "");
        Bridge bridge = ConfigFile.read(write("connection cloud\naddress a b:8883 ws://c\nbridge_cafile ca.pem\n"
                + "topic # out\n")).bridges().get(0);

        assertThat(bridge.addresses()).extracting(BridgeAddress::transport).containsExactly(Transport.TLS,
                Transport.TLS, Transport.SECURE_WEBSOCKET);
    }

    @Test
    void aBlockWithOnlyAnAddressAndATopicGetsMosquittosDefaults() throws IOException {
        Bridge bridge = ConfigFile.read(write("""
                connection cloud
                address 10.0.0.5
                topic #
                """)).bridges().get(0);

        assertThat(bridge.addresses()).containsExactly(new BridgeAddress(Transport.TCP, "10.0.0.5", 1883,
                "/mqtt"));
        assertThat(bridge.roundRobin()).isFalse();
        assertThat(bridge.localNotificationTopic()).isEqualTo("$SYS/broker/connection/cloud/state");
        assertThat(bridge.remoteNotificationTopic())
                .isEqualTo("$SYS/broker/connection/" + bridge.remoteClientId() + "/state");
        assertThat(bridge.topics()).containsExactly(new BridgeTopic("#", Bridge.Direction.OUT, QoS.AT_MOST_ONCE,
                "", ""));
        assertThat(bridge.remoteClientId()).endsWith(".cloud");
        assertThat(bridge.localClientId()).isEqualTo("local." + bridge.remoteClientId());
        assertThat(bridge.cleanSession()).isFalse();
        assertThat(bridge.keepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bridge.protocol()).isEqualTo(Bridge.Protocol.MQTT_3_1_1);
        assertThat(bridge.tryPrivate()).isTrue();
        assertThat(bridge.restartBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bridge.restartCap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bridge.notifications()).isTrue();
    }

    @Test
    void aSingleRestartTimeoutIsAConstantWait() throws IOException {
        Bridge bridge = ConfigFile.read(write("""
                connection cloud
                address 10.0.0.5
                topic # out
                restart_timeout 10
                """)).bridges().get(0);

        assertThat(bridge.restartBase()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bridge.restartCap()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tls://cloud:8884        | TLS              | cloud | 8884 | /mqtt",
            "ws://cloud              | WEBSOCKET        | cloud | 80   | /mqtt",
            "wss://cloud:8084/ws     | SECURE_WEBSOCKET | cloud | 8084 | /ws",
            "[::1]:1884              | TCP              | ::1   | 1884 | /mqtt"})
    void anAddressMayNameItsTransport(String address, Transport transport, String host, int port, String path)
            throws IOException {
        Bridge bridge = ConfigFile.read(write("connection cloud\naddress " + address + "\ntopic # out\n"))
                .bridges().get(0);

        assertThat(bridge.addresses()).containsExactly(new BridgeAddress(transport, host, port, path));
    }

    @Test
    void everyBlockBecomesABridgeInTheOrderOfTheFile() throws IOException {
        ConfigFile config = ConfigFile.read(write("""
                connection first
                address 10.0.0.5
                topic a/# out 1
                connection second
                address 10.0.0.6
                topic b/# in 1
                """));

        assertThat(config.bridges()).extracting(Bridge::name).containsExactly("first", "second");
        assertThat(config.bridges()).extracting(b -> b.addresses().get(0).host()).containsExactly("10.0.0.5",
                "10.0.0.6");
    }

    @Test
    void aGlobalKeywordEndsTheBlockSoABridgeKeywordAfterItIsRefused() throws IOException {
        Path file = write("""
                connection cloud
                address 10.0.0.5
                max_queued_messages 100
                topic # out
                """);

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: topic belongs to a bridge: put it in a 'connection NAME' block, before line 3,"
                        + " whose keyword ends the block");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "topic # sideways    | 3 | topic direction must be in, out or both, not 'sideways'",
            "topic # in 3        | 3 | topic QoS must be 0, 1 or 2, not '3'",
            "topic # in 1 local/ | 3 | topic has a local prefix without a remote prefix: write both, \"\" for an "
                    + "empty one",
            "topic \"\" in 1       | 3 | topic has an empty pattern without a prefix to stand for it",
            "topic a/#/b in 1    | 3 | topic bridge topic 'a/#/b': '#' must be the last level",
            "topic # in 1 a/+/ b/ | 3 | topic a bridge topic prefix takes no wildcard: 'a/+/'",
            "bridge_protocol_version mqttv31 | 3 | bridge_protocol_version must be mqttv311 or mqttv50, not "
                    + "'mqttv31'",
            "keepalive_interval 2 | 3 | keepalive_interval must be a whole number from 5 to 65535, not '2'",
            "restart_timeout 30 5 | 3 | restart_timeout must be a whole number from 30 to 86400, not '5'",
            "restart_timeout 1 2 3 | 3 | restart_timeout takes 'restart_timeout SECONDS' or "
                    + "'restart_timeout BASE CAP', not '1 2 3'",
            "cleansession maybe  | 3 | cleansession must be true or false, not 'maybe'",
            "bridge_cafile none.pem | 3 | bridge_cafile cannot read the file",
            "clientid pi         | 3 | clientid is not supported in a connection block: write remote_clientid",
            "bridge_certfile c.pem | 3 | bridge_certfile is not supported in a connection block: bridges present "
                    + "no client certificate; use remote_username and remote_password",
            "address 10.0.0.6    | 3 | address is given twice for connection cloud: list all its addresses on one "
                    + "line, 'address host[:port] host2[:port]', the main one first",
            "notification_topic a/# | 3 | notification_topic notificationTopic is a topic name, without "
                    + "wildcards, not 'a/#'",
            "round_robin often   | 3 | round_robin must be true or false, not 'often'",
            "remote_password pw  | 3 | remote_password needs a remote_username in connection cloud: MQTT sends "
                    + "no password without a user name"})
    void aWrongSettingIsRefusedWithItsLineAndWhatToWriteInstead(String line, int lineNumber, String message)
            throws IOException {
        Path file = write("connection cloud\naddress 10.0.0.5\n" + line + "\ntopic # out\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + lineNumber + ": " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "connection cloud\\ntopic # out\\n  | 1 | connection cloud has no address: add 'address host[:port]' "
                    + "to its block",
            "connection cloud\\naddress 10.0.0.5\\n | 1 | connection cloud has no topic: add one such as "
                    + "'topic # out 1' to its block",
            "address 10.0.0.5\\n               | 1 | address belongs to a bridge: put it in a 'connection NAME' block",
            "connection a b\\n | 1 | connection takes a name of letters, digits, '-', '_' and '.', not 'a b'",
            "connection cloud\\naddress ftp://x\\ntopic #\\n | 2 | address a bridge address is host[:port], or "
                    + "tcp://, tls://, ws:// or wss:// followed by host[:port], not 'ftp://x'"})
    void anIncompleteBlockIsRefused(String text, int lineNumber, String message) throws IOException {
        Path file = write(text.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":" + lineNumber + ": " + message);
    }

    @Test
    void twoBlocksWithOneNameAreRefused() throws IOException {
        Path file = write("connection cloud\naddress a\ntopic #\nconnection cloud\naddress b\ntopic #\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: connection 'cloud' names a second bridge: give each connection its own name");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("midge.conf"), text);
    }
}
