package dev.midge.broker.interop;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.internal.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's mosquitto_passwd writes the password file of a broker configured by a Mosquitto-format file; Debian's
 * mosquitto_pub then connects with those credentials, and with wrong ones.
 */
@Tag("interop")
class MosquittoPasswordFileInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Broker broker;

    @BeforeEach
    void startBrokerWithAPasswordFileWrittenByMosquittoPasswd() throws Exception {
        Path passwords = dir.resolve("passwd");
        try (ExternalTool passwd = ExternalTool.start("mosquitto", "mosquitto_passwd", "-c", "-b",
                passwords.toString(), "pi", "raspberry")) {
            passwd.awaitSuccess(TIMEOUT);
        }
        try (ExternalTool passwd = ExternalTool.start("mosquitto", "mosquitto_passwd", "-H", "sha512", "-b",
                passwords.toString(), "legacy", "old-hash")) {
            passwd.awaitSuccess(TIMEOUT);
        }
        Path config = Files.writeString(dir.resolve("midge.conf"), """
                listener 0
                allow_anonymous false
                password_file passwd
                """);
        BrokerBuilder builder = Broker.builder().port(0);
        ConfigFile.read(config).applyTo(builder);
        broker = builder.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void mosquittoPubWithTheUsersOfMosquittoPasswdIsAccepted() throws Exception {
        try (ExternalTool pbkdf2 = publish("pi", "raspberry"); ExternalTool sha512 = publish("legacy", "old-hash")) {
            pbkdf2.awaitSuccess(TIMEOUT);
            sha512.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void mosquittoPubWithAWrongPasswordOrNoneIsRefused() throws Exception {
        try (ExternalTool wrong = publish("pi", "wrong")) {
            assertThat(wrong.awaitFailure(TIMEOUT)).contains("bad user name or password");
        }
        try (ExternalTool anonymous = ExternalTool.start("mosquitto-clients", "mosquitto_pub", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-t", "raspberry/topic", "-m", "1")) {
            assertThat(anonymous.awaitFailure(TIMEOUT)).contains("not authorised");
        }
    }

    private ExternalTool publish(String user, String password) throws Exception {
        return ExternalTool.start("mosquitto-clients", "mosquitto_pub", "-h", "127.0.0.1", "-p",
                String.valueOf(broker.port()), "-u", user, "-P", password, "-t", "raspberry/topic", "-m", "21.5");
    }
}
