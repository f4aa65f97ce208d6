package dev.midge.junit;

import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong use fails the test with a message that says what to write instead.
 */
class WrongUseTest {

    @Test
    void aBrokerUriOfAnotherTypeSaysWhichTypesWork() {
        assertThat(failureOf(BrokerUriAsInt.class))
                .contains("@BrokerUri can be injected into a String or a java.net.URI, not int")
                .contains("write @BrokerUri String uri");
    }

    @Test
    void aUserWithoutPasswordSaysHowToWriteIt() {
        assertThat(failureOf(UserWithoutPassword.class))
                .contains("users = \"bob\" is not \"name:password\"")
                .contains("write users = \"bob:password\"");
    }

    @Test
    void anUnknownProtocolVersionListsTheValidOnes() {
        assertThat(failureOf(UnknownProtocolVersion.class))
                .contains("protocolVersions = 6 is not an MQTT protocol level")
                .contains("write 3 (MQTT 3.1), 4 (MQTT 3.1.1) or 5 (MQTT 5.0)");
    }

    @Test
    void aWebSocketAddressWithoutTheListenerSaysHowToEnableIt() {
        assertThat(failureOf(WebSocketWithoutListener.class))
                .contains("This broker has no WebSocket listener")
                .contains("@MqttBroker(websocket = true)");
    }

    @Test
    void theCertificateWithoutATlsListenerSaysHowToEnableIt() {
        assertThat(failureOf(CertificateWithoutTls.class))
                .contains("This broker has no TLS listener")
                .contains("write @MqttBroker(tls = true) or MidgeExtension.builder().tls(true)");
    }

    @Test
    void aSecureWebSocketAddressNeedsBothAttributes() {
        assertThat(failureOf(SecureWebSocketWithTlsOnly.class))
                .contains("This broker has no secure WebSocket listener")
                .contains("write @MqttBroker(tls = true, websocket = true)");
    }

    @Test
    void tlsBesideAnExternalUrlIsRefused() {
        assertThat(failureOf(ExternalWithTls.class))
                .contains("websocket, tls, port, protocolVersions, config, virtualTime and persistence configure the "
                        + "embedded broker")
                .contains("remove them");
    }

    @Test
    void embeddedOnlySettingsBesideAnExternalUrlAreRefused() {
        assertThat(failureOf(ExternalWithUsers.class))
                .contains("users configures the embedded broker")
                .contains("tcp://name:password@host:port");
    }

    @Test
    void aConfigurationFileMissingFromTheClassPathSaysWhereToPutIt() {
        assertThat(failureOf(MissingConfigFile.class))
                .contains("config = \"midge/absent.conf\" is not on the test class path")
                .contains("put the file in src/test/resources");
    }

    @Test
    void aWrongConfigurationFileNamesItsLine() {
        assertThat(failureOf(WrongConfigFile.class))
                .contains("config = \"midge/wrong.conf\" cannot be used: ")
                .contains("wrong.conf:2: unknown keyword 'max_keepalive_seconds'");
    }

    @Test
    void movingTheClockOfABrokerOnRealTimeSaysWhatToWrite() {
        assertThat(failureOf(ClockOfARealTimeBroker.class))
                .contains("This broker runs on real time: write @MqttBroker(virtualTime = true)");
    }

    @Test
    void askingForABrokerWithoutAnnotationSaysWhatToAdd() {
        assertThat(failureOf(NoBroker.class))
                .contains("needs @MqttBroker on the test class or method")
                .contains("@RegisterExtension with MidgeExtension.builder()");
    }

    private static String failureOf(Class<?> fixture) {
        EngineExecutionResults results = EngineRun.run(Map.of(), fixture);
        assertThat(results.testEvents().succeeded().count()).as("tests that passed").isZero();
        assertThat(results.allEvents().failed().count()).as("tests or classes that failed").isEqualTo(1);
        return EngineRun.firstFailureMessage(results);
    }

    @Fixture
    @MqttBroker
    static class BrokerUriAsInt {
        @Test
        void test(@BrokerUri int uri) {
        }
    }

    @Fixture
    @MqttBroker(users = "bob")
    static class UserWithoutPassword {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @MqttBroker(protocolVersions = {4, 6})
    static class UnknownProtocolVersion {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @MqttBroker
    static class WebSocketWithoutListener {
        @Test
        void test(BrokerHandle broker) {
            broker.websocketUri();
        }
    }

    @Fixture
    @MqttBroker
    static class CertificateWithoutTls {
        @Test
        void test(BrokerHandle broker) {
            broker.certificate();
        }
    }

    @Fixture
    @MqttBroker(tls = true)
    static class SecureWebSocketWithTlsOnly {
        @Test
        void test(@BrokerUri(tls = true, websocket = true) String uri) {
        }
    }

    @Fixture
    @MqttBroker
    static class ClockOfARealTimeBroker {
        @Test
        void test(BrokerHandle broker) {
            broker.virtualTime().advance(Duration.ofSeconds(1));
        }
    }

    @Fixture
    @MqttBroker(externalUrl = "tcp://localhost:1883", tls = true)
    static class ExternalWithTls {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @MqttBroker(externalUrl = "tcp://localhost:1883", users = "bob:secret")
    static class ExternalWithUsers {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @MqttBroker(config = "midge/absent.conf")
    static class MissingConfigFile {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @MqttBroker(config = "midge/wrong.conf")
    static class WrongConfigFile {
        @Test
        void test(BrokerHandle broker) {
        }
    }

    @Fixture
    @ExtendWith(MidgeExtension.class)
    static class NoBroker {
        @Test
        void test(BrokerHandle broker) {
        }
    }
}
