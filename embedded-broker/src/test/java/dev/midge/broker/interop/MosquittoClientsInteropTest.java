package dev.midge.broker.interop;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's mosquitto_pub and mosquitto_sub, in MQTT 3.1.1 and 5.0 modes and over TLS, talk to the embedded broker.
 */
@Tag("interop")
class MosquittoClientsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Broker broker;
    private final List<BrokerEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = Broker.builder().port(0).start();
        broker.events().subscribe(events::add);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void mosquittoSubReceivesWhatTheBrokerRoutes(String version) throws Exception {
        try (ExternalTool sub = ExternalTool.start("mosquitto-clients", "mosquitto_sub", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-V", version, "-i", "sub-" + version, "-q", "1",
                "-t", "raspberry/#", "-C", "2", "-v")) {
            awaitSubscription("sub-" + version);
            broker.publish(new Message("raspberry/topic", bytes("0"), QoS.AT_LEAST_ONCE, false,
                    MessageProperties.NONE));
            broker.publish(new Message("raspberry/status", bytes("{\"status\": \"Off\"}"), QoS.AT_MOST_ONCE, false,
                    MessageProperties.NONE));

            assertThat(sub.awaitSuccess(TIMEOUT).lines())
                    .containsExactly("raspberry/topic 0", "raspberry/status {\"status\": \"Off\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void mosquittoPubIsRoutedToSubscribersAndRetained(String version) throws Exception {
        try (ExternalTool pub = ExternalTool.start("mosquitto-clients", "mosquitto_pub", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-V", version, "-i", "pub-" + version, "-q", "2", "-r",
                "-t", "raspberry/topic", "-m", "21.5")) {
            pub.awaitSuccess(TIMEOUT);
        }

        assertThat(broker.retainedMessages())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.topic()).isEqualTo("raspberry/topic");
                    assertThat(m.payloadAsString()).isEqualTo("21.5");
                    assertThat(m.qos()).isEqualTo(QoS.EXACTLY_ONCE);
                });
        await().atMost(TIMEOUT.toSeconds(), TimeUnit.SECONDS).untilAsserted(() -> assertThat(events)
                .filteredOn(BrokerEvent.ClientDisconnected.class::isInstance)
                .extracting(e -> ((BrokerEvent.ClientDisconnected) e).reason().isClean())
                .containsExactly(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void aLateMosquittoSubGetsTheRetainedMessage(String version) throws Exception {
        broker.publish(new Message("raspberry/status", bytes("On"), QoS.AT_LEAST_ONCE, true, MessageProperties.NONE));

        try (ExternalTool sub = ExternalTool.start("mosquitto-clients", "mosquitto_sub", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-V", version, "-t", "raspberry/+", "-C", "1", "-v",
                "-F", "%t %p retained=%r")) {
            assertThat(sub.awaitSuccess(TIMEOUT).strip()).isEqualTo("raspberry/status On retained=1");
        }
    }

    @Test
    void mosquittoClientsTalkOverTlsCheckingTheBrokersCertificate(@TempDir Path files) throws Exception {
        try (Broker secure = Broker.builder().port(0).tlsPort(0).start()) {
            secure.events().subscribe(events::add);
            String caFile = secure.certificate().writePem(files.resolve("midge-ca.pem")).toString();
            String port = String.valueOf(secure.tlsPort());
            try (ExternalTool sub = ExternalTool.start("mosquitto-clients", "mosquitto_sub", "-h", "localhost",
                    "-p", port, "--cafile", caFile, "-i", "tls-sub", "-t", "raspberry/topic", "-C", "1", "-v")) {
                awaitSubscription("tls-sub");
                try (ExternalTool pub = ExternalTool.start("mosquitto-clients", "mosquitto_pub", "-h", "127.0.0.1",
                        "-p", port, "--cafile", caFile, "-t", "raspberry/topic", "-m", "over tls")) {
                    pub.awaitSuccess(TIMEOUT);
                }

                assertThat(sub.awaitSuccess(TIMEOUT).strip()).isEqualTo("raspberry/topic over tls");
            }
        }
    }

    @Test
    void mosquittoClientsPresentTheirOwnCertificatesWhenTheBrokerAsksForThem(@TempDir Path files) throws Exception {
        TlsIdentity device = TlsIdentity.selfSigned("pi-7");
        Path deviceCertificate = Files.writeString(files.resolve("pi-7.pem"), device.certificateChainPem());
        Path deviceKey = Files.writeString(files.resolve("pi-7.key"), device.privateKeyPem());
        List<String> subjects = new CopyOnWriteArrayList<>();
        try (Broker secure = Broker.builder().port(0).tlsPort(0).tlsClientCertificates(deviceCertificate)
                .authenticator(request -> {
                    subjects.add(request.certificate().getSubjectX500Principal().getName());
                    return ConnectCode.ACCEPTED;
                })
                .start()) {
            String caFile = secure.certificate().writePem(files.resolve("midge-ca.pem")).toString();
            try (ExternalTool pub = ExternalTool.start("mosquitto-clients", "mosquitto_pub", "-h", "localhost",
                    "-p", String.valueOf(secure.tlsPort()), "--cafile", caFile, "--cert", deviceCertificate.toString(),
                    "--key", deviceKey.toString(), "-t", "raspberry/topic", "-m", "signed", "-r")) {
                pub.awaitSuccess(TIMEOUT);
            }

            assertThat(subjects).containsExactly("CN=pi-7");
            // mosquitto_pub may exit before the broker has handled the QoS 0 PUBLISH it wrote last.
            await().atMost(TIMEOUT.toSeconds(), TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                    secure.retainedMessages()).extracting(Message::payloadAsString).containsExactly("signed"));
        }
    }

    private void awaitSubscription(String clientId) {
        await().atMost(TIMEOUT.toSeconds(), TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof BrokerEvent.Subscribed s && s.clientId().equals(clientId)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
