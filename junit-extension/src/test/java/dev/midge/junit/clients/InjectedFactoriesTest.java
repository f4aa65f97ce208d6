package dev.midge.junit.clients;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.HiveMqClients;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.junit.VertxMqttClients;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension injects every client factory, one of each per test, and closes their clients when the test ends.
 */
class InjectedFactoriesTest {

    @Test
    void clientsOfEveryFactoryAreDisconnectedWhenTheTestEnds() {
        EngineRun.run(Map.of(), AllThreeFactories.class).testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(AllThreeFactories.hiveMq.getState().isConnectedOrReconnect()).isFalse();
        assertThat(AllThreeFactories.vertx.isConnected()).isFalse();
        assertThat(AllThreeFactories.paho.isConnected()).isFalse();
    }

    @Fixture
    @MqttBroker
    static class AllThreeFactories {
        static volatile Mqtt5BlockingClient hiveMq;
        static volatile MqttClient vertx;
        static volatile org.eclipse.paho.client.mqttv3.MqttClient paho;

        @Test
        void usesThemAll(HiveMqClients hiveMqClients, VertxMqttClients vertxClients, MqttClients pahoClients,
                         BrokerHandle broker) throws Exception {
            hiveMq = hiveMqClients.v5("hivemq");
            vertx = vertxClients.connected("vertx");
            paho = pahoClients.v3("paho");

            assertThat(broker).hasConnectedClient("hivemq").hasConnectedClient("vertx").hasConnectedClient("paho");
        }
    }
}
