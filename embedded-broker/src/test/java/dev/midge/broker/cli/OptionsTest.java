package dev.midge.broker.cli;

import dev.midge.broker.internal.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void noArgumentsMeanLoopbackPort1883AndNoWebSocket() {
        assertThat(Options.parse(List.of())).isEqualTo(new Options("127.0.0.1", 1883, -1, -1, -1, null, null, null, 0, 0, 0,
                0, true, false, false, null));
    }

    @Test
    void everyFlagIsRead() {
        assertThat(Options.parse(List.of("--host", "0.0.0.0", "--port", "0", "--ws-port", "8083", "--tls-port", "8883",
                "--wss-port", "8084", "--cert", "chain.pem", "--key", "key.pem", "--client-ca", "devices.pem",
                "--sys-interval", "10", "--memory-budget", "64m", "--max-queued-bytes", "512k", "--write-timeout", "5",
                "--no-topic-aliases", "--check", "--config", "midge.conf")))
                .isEqualTo(new Options("0.0.0.0", 0, 8083, 8883, 8084, Path.of("chain.pem"), Path.of("key.pem"),
                        Path.of("devices.pem"), 10, 64L << 20, 512L << 10, 5, false, false, true,
                        Path.of("midge.conf")));
    }

    @Test
    void helpIsRecognisedInBothSpellings() {
        assertThat(Options.parse(List.of("--help")).help()).isTrue();
        assertThat(Options.parse(List.of("-h")).help()).isTrue();
        assertThat(Options.parse(List.of("--port", "1884", "--help")).help()).isTrue();
        assertThat(Options.USAGE).contains("--host", "--port", "--ws-port", "--tls-port", "--wss-port", "--cert", "--key",
                "--client-ca", "--sys-interval", "--memory-budget", "--max-queued-bytes", "--write-timeout", "--check",
                "--help", "--config", "passwd", "--no-topic-aliases");
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --verbose              | --verbose
            --port abc             | --port
            --port 65536           | --port
            --port -1              | --port
            --ws-port x            | --ws-port
            --port                 | --port
            --host                 | --host
            --host --port 1        | --host
            1883                   | 1883
            --tls-port 99999       | --tls-port
            --wss-port             | --wss-port
            --cert                 | --cert
            --cert a.pem --tls-port 1 | --key
            --key k.pem --tls-port 1  | --cert
            --cert a.pem --key k.pem  | --tls-port 8883
            --sys-interval 0          | --sys-interval
            --client-ca d.pem         | --client-ca needs a TLS listener
            --sys-interval often      | --sys-interval
            --memory-budget 0         | --memory-budget
            --memory-budget 12x       | --memory-budget
            --max-queued-bytes -5     | --max-queued-bytes
            --write-timeout 0         | --write-timeout
            """)
    void aBadFlagOrValueIsRefusedWithAMessageNamingIt(String commandLine, String named) {
        List<String> args = List.of(commandLine.split(" "));
        assertThatThrownBy(() -> Options.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void aBadPortValueIsQuotedInTheMessage() {
        assertThatThrownBy(() -> Options.parse(List.of("--port", "abc")))
                .hasMessage("--port must be a port number from 0 to 65535, not 'abc'");
    }

    @Test
    void theCommandLineOverridesTheConfigurationFileAndAddsToIt(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), """
                listener 1884 0.0.0.0
                listener 8083 0.0.0.0
                protocol websockets
                sys_interval 10
                """);
        List<String> args = List.of("-c", config.toString(), "--port", "0", "--tls-port", "8883");

        Options options = Options.parse(args, ConfigFile.read(config));

        assertThat(options).isEqualTo(new Options("0.0.0.0", 0, 8083, 8883, -1, null, null, null, 10, 0, 0, 0, true,
                false, false, config));
    }

    @Test
    void aCertificateOnTheCommandLineIsCheckedAgainstTheListenersOfTheFile(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), "listener 1883\n");
        List<String> args = List.of("--cert", "chain.pem", "--key", "key.pem", "--config", config.toString());

        assertThat(Options.parse(args).certificate()).isEqualTo(Path.of("chain.pem"));
        assertThatThrownBy(() -> Options.parse(args, ConfigFile.read(config)))
                .hasMessageContaining("--cert needs a TLS listener");
    }
}
