package dev.midge.junit.external;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MidgeExtension;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same @MqttBroker tests run unchanged against Debian's Mosquitto when the external URL property is set.
 */
@Tag("interop")
class ExternalMosquittoTest {

    @Test
    void unchangedTestsRunAgainstMosquittoWhenThePropertyPointsAtIt() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.start()) {
            EngineExecutionResults results = runWithExternalUrl(mosquitto.url());

            assertThat(results.testEvents().failed().count())
                    .as(() -> "failed fixture tests; first failure: " + EngineRun.firstFailureMessage(results))
                    .isZero();
            results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
            assertThat(PiTests.seenUri).isEqualTo(mosquitto.url());
        }
    }

    private static EngineExecutionResults runWithExternalUrl(String url) {
        String before = System.getProperty(MidgeExtension.EXTERNAL_URL_PROPERTY);
        System.setProperty(MidgeExtension.EXTERNAL_URL_PROPERTY, url);
        try {
            return EngineRun.runAsLaunched(PiTests.class);
        } finally {
            if (before == null) {
                System.clearProperty(MidgeExtension.EXTERNAL_URL_PROPERTY);
            } else {
                System.setProperty(MidgeExtension.EXTERNAL_URL_PROPERTY, before);
            }
        }
    }

    @Fixture
    @MqttBroker
    static class PiTests {
        static volatile String seenUri;

        @Test
        void publishedReadingsAreSeenByTheRecordingClient(BrokerHandle broker, MqttClients clients) throws Exception {
            seenUri = broker.uri().toString();
            MqttClient pi = clients.v3("pi-publisher");
            for (int i = 0; i < 5; i++) {
                pi.publish("raspberry/topic", String.valueOf(i).getBytes(), 1, false);
            }

            assertThat(broker).received().onTopic("raspberry/topic").payloadsInOrder("0", "1", "2", "3", "4");
        }

        @Test
        void whatNeedsTheEmbeddedBrokerSaysSo(BrokerHandle broker) {
            assertThat(broker.isExternal()).isTrue();
            assertThatThrownBy(() -> broker.faults().dropConnection("pi"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("run against the external broker at " + broker.uri());
            assertThatThrownBy(broker::connectedClients)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("the list of connected clients needs the embedded broker");
        }
    }
}
