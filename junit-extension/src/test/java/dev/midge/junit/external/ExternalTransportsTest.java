package dev.midge.junit.external;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Transport;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * External mode reaches a broker over TLS, WebSocket and secure WebSocket as well as TCP, trusting a private CA from
 * {@code midge.external.cafile}. The external broker here is a second Midge with every listener.
 */
class ExternalTransportsTest {

    private static Broker external;
    private static Path caFile;
    private static final List<BrokerEvent.ClientConnected> CONNECTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTheExternalBroker(@TempDir Path directory) throws Exception {
        external = Broker.builder().port(0).tlsPort(0).websocketPort(0).secureWebsocketPort(0).start();
        external.events().subscribe(event -> {
            if (event instanceof BrokerEvent.ClientConnected connected) {
                CONNECTED.add(connected);
            }
        });
        caFile = external.certificate().writePem(directory.resolve("ca.pem"));
    }

    @AfterAll
    static void stopTheExternalBroker() {
        external.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ssl, TLS", "ws, WEBSOCKET", "wss, SECURE_WEBSOCKET"})
    void theSameTestsRunOverEachTransport(String scheme, Transport transport) {
        String url = switch (scheme) {
            case "ssl" -> "ssl://127.0.0.1:" + external.tlsPort();
            case "ws" -> "ws://127.0.0.1:" + external.websocketPort() + "/mqtt";
            default -> "wss://127.0.0.1:" + external.secureWebsocketPort() + "/mqtt";
        };
        CONNECTED.clear();

        EngineExecutionResults results = EngineRun.run(Map.of("midge.external.url", url,
                "midge.external.cafile", caFile.toString()), PiTests.class);

        assertThat(results.allEvents().failed().count())
                .as(() -> "failed fixture tests or classes; first failure: " + EngineRun.firstFailureMessage(results))
                .isZero();
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(PiTests.seenUri).isEqualTo(url);
        assertThat(CONNECTED).filteredOn(connected -> connected.clientId().startsWith("pi-"))
                .extracting(BrokerEvent.ClientConnected::transport).containsOnly(transport).hasSize(2);
    }

    @Test
    void aCaFileThatIsNotThereSaysWhatToName() {
        EngineExecutionResults results = EngineRun.run(Map.of("midge.external.url",
                "ssl://127.0.0.1:" + external.tlsPort(), "midge.external.cafile", "absent/ca.pem"), PiTests.class);

        assertThat(EngineRun.firstFailureMessage(results))
                .contains("midge.external.cafile = \"absent/ca.pem\" is not a file")
                .contains("name the PEM file with the CA certificate of the external broker");
    }

    @Fixture
    @MqttBroker
    static class PiTests {
        static volatile String seenUri;

        @Test
        void readingsPublishedOverTheTransportAreRecorded(BrokerHandle broker, MqttClients clients)
                throws Exception {
            seenUri = broker.uri().toString();
            clients.v3("pi-v3").publish("raspberry/topic", "v3".getBytes(), 1, false);
            clients.v5("pi-v5").publish("raspberry/topic", "v5".getBytes(), 1, false);

            assertThat(broker).received().onTopic("raspberry/topic").payloadsInOrder("v3", "v5");
        }
    }
}
