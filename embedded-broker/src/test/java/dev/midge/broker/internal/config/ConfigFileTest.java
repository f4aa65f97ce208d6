package dev.midge.broker.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfListenerIsReadWithItsPortAddressAndCertificates() throws IOException {
        touch("chain.pem", "key.pem", "devices.pem");
        Path file = write("""
                # the broker's listeners
                listener 1884 0.0.0.0

                listener 8083 0.0.0.0
                protocol websockets
                listener 8883 0.0.0.0
                protocol mqtt
                certfile chain.pem
                keyfile key.pem
                cafile devices.pem
                require_certificate true
                listener 8084 0.0.0.0
                protocol websockets
                certfile chain.pem
                keyfile key.pem
                cafile devices.pem
                require_certificate true
                sys_interval 10
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(1884);
        assertThat(config.websocketPort()).isEqualTo(8083);
        assertThat(config.tlsPort()).isEqualTo(8883);
        assertThat(config.secureWebsocketPort()).isEqualTo(8084);
        assertThat(config.certificate()).isEqualTo(dir.resolve("chain.pem"));
        assertThat(config.key()).isEqualTo(dir.resolve("key.pem"));
        assertThat(config.clientCa()).isEqualTo(dir.resolve("devices.pem"));
        assertThat(config.sysIntervalSeconds()).isEqualTo(10);
    }

    @Test
    void aListenerWithoutAnAddressListensOnLoopbackOnly() throws IOException {
        ConfigFile config = ConfigFile.read(write("listener 1883\n"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(1883);
        assertThat(config.websocketPort()).isEqualTo(-1);
        assertThat(config.tlsPort()).isEqualTo(-1);
    }

    @Test
    void aCaFileWithoutRequireCertificateAsksClientsForNoCertificate() throws IOException {
        touch("chain.pem", "key.pem", "ca.pem");
        ConfigFile config = ConfigFile.read(write("""
                listener 1883
                listener 8883
                certfile chain.pem
                keyfile key.pem
                cafile ca.pem
                """));

        assertThat(config.tlsPort()).isEqualTo(8883);
        assertThat(config.clientCa()).isNull();
    }

    @Test
    void aFileWithoutListenersLeavesThemToTheDefaults() throws IOException {
        ConfigFile config = ConfigFile.read(write("max_connections -1\n"));

        assertThat(config.host()).isNull();
        assertThat(config.port()).isEqualTo(-1);
        assertThat(config.sysIntervalSeconds()).isZero();
    }

    @Test
    void mosquittoKeywordsAboutLoggingAndDaemonsAreAcceptedAndIgnored() throws IOException {
        ConfigFile config = ConfigFile.read(write("""
                log_dest stdout
                log_type all
                log_timestamp true
                log_timestamp_format %Y-%m-%dT%H:%M:%S
                connection_messages true
                websockets_log_level 0
                pid_file /run/mosquitto/mosquitto.pid
                user mosquitto
                persistence false
                per_listener_settings false
                listener 1883
                """));

        assertThat(config.port()).isEqualTo(1883);
    }

    @ParameterizedTest(name = "{0} is refused at line {1}")
    @CsvSource(delimiter = '|', textBlock = """
            listener 1883\\nbind_interface eth0                   | 2 | unknown keyword 'bind_interface'
            max_keepalive soon                                    | 1 | max_keepalive must be a whole number from 1 to 65535, not 'soon'
            max_inflight_messages 70000                           | 1 | max_inflight_messages must be a whole number from 0 to 65535
            max_queued_messages -5                                | 1 | max_queued_messages must be a whole number from 0
            max_queued_bytes -1                                   | 1 | max_queued_bytes must be a whole number of bytes, 0 or more, not '-1'
            memory_limit lots                                     | 1 | memory_limit must be a whole number of bytes, 0 or more, not 'lots'
            message_size_limit 8                                  | 1 | message_size_limit must be 0 (no limit) or at least 16 bytes
            max_connections 0                                     | 1 | max_connections must be -1 (unlimited) or at least 1
            sys_interval -1                                       | 1 | sys_interval must be a whole number from 0
            listener 1883\\nlistener 1884                          | 2 | a second mqtt listener
            listener 1883 127.0.0.1\\nlistener 8083 0.0.0.0\\nprotocol websockets | 2 | every listener of the broker uses the same address
            listener 99999                                        | 1 | listener port must be a number from 0 (a free port) to 65535, not '99999'
            listener 1883 127.0.0.1 extra                         | 1 | expected 'listener PORT [ADDRESS]'
            protocol websockets                                   | 1 | protocol applies to a listener
            listener 1883\\nprotocol coap                          | 2 | protocol must be mqtt or websockets, not 'coap'
            listener 8083\\nprotocol websockets                    | 1 | no plain mqtt listener
            allow_anonymous maybe                                 | 1 | allow_anonymous must be true or false, not 'maybe'
            \\nallow_anonymous false                               | 2 | allow_anonymous false needs a password_file
            password_file nobody.txt                              | 1 | password_file cannot read the file
            acl_file                                              | 1 | acl_file needs a value
            persistence maybe                                     | 1 | persistence must be true or false, not 'maybe'
            autosave_interval -1                                  | 1 | autosave_interval must be a whole number from 0 to 86400
            persistence_file data/midge.db                        | 1 | persistence_file is a file name inside persistence_location
            autosave_interval 60\\npersistence_fsync true         | 2 | it cannot go with autosave_interval
            autosave_on_changes true                              | 1 | autosave_on_changes can only be false
            per_listener_settings true                            | 1 | per_listener_settings can only be false
            listener 1883\\nlistener 1884\\nrequire_certificate true | 2 | a second mqtt listener
            """)
    void aMistakeIsReportedWithTheFileAndLine(String content, int line, String problem) throws IOException {
        Path file = write(content.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void aTlsListenerNeedsBothCertfileAndKeyfile() throws IOException {
        touch("chain.pem");
        Path file = write("listener 1883\nlistener 8883\ncertfile chain.pem\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":2: a TLS listener needs both certfile and keyfile");
    }

    @Test
    void requireCertificateNeedsACaFile() throws IOException {
        touch("chain.pem", "key.pem");
        Path file = write("listener 1883\nlistener 8883\ncertfile chain.pem\nkeyfile key.pem\nrequire_certificate true\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageStartingWith(file + ":2: require_certificate true "
                + "needs a cafile");
    }

    @Test
    void twoTlsListenersMustShareOneCertificate() throws IOException {
        touch("a.pem", "b.pem", "key.pem");
        Path file = write("""
                listener 1883
                listener 8883
                certfile a.pem
                keyfile key.pem
                listener 8084
                protocol websockets
                certfile b.pem
                keyfile key.pem
                """);

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageStartingWith(file + ":5: both TLS listeners must "
                + "use the same certfile");
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path missing = dir.resolve("mosquitto.conf");

        assertThatThrownBy(() -> ConfigFile.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read the configuration file");
    }

    @Test
    void aMistakeInThePasswordFileIsReportedWithThatFileAndLine() throws IOException {
        Files.writeString(dir.resolve("passwords"), "# users\nalice:secret\n");
        Path file = write("password_file passwords\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessageStartingWith(dir.resolve("passwords") + ":2: the password is not hashed");
    }

    @Test
    void aMistakeInTheAclFileIsReportedWithThatFileAndLine() throws IOException {
        Files.writeString(dir.resolve("acl"), "topic read sensors/#\nallow everything\n");
        Path file = write("acl_file acl\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(dir.resolve("acl") + ":2: expected topic, pattern or user, not 'allow'");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("midge.conf"), content);
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "");
        }
    }
}
