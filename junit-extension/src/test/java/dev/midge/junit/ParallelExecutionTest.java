package dev.midge.junit;

import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import dev.midge.junit.testing.Inbox;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test classes and methods running concurrently each get their own broker and never see each other's traffic.
 */
class ParallelExecutionTest {

    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    @Test
    void concurrentClassesAndMethodsEachUseTheirOwnBroker() {
        EngineExecutionResults results = EngineRun.run(PARALLEL, FirstClass.class, SecondClass.class,
                BrokerPerMethod.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(15).failed(0));
        assertThat(SameTopicEverywhere.classPorts).hasSize(2);
        assertThat(SameTopicEverywhere.methodPorts).hasSize(5);
    }

    /** Every fixture test publishes on the same topic and must receive only its own message. */
    abstract static class SameTopicEverywhere {
        static final Set<Integer> classPorts = ConcurrentHashMap.newKeySet();
        static final Set<Integer> methodPorts = ConcurrentHashMap.newKeySet();

        static void roundTrip(BrokerHandle broker, MqttClients clients, String clientId) throws Exception {
            Inbox inbox = new Inbox();
            MqttClient client = clients.v3(clientId);
            client.subscribe("raspberry/topic", 1, inbox);
            client.publish("raspberry/topic", clientId.getBytes(), 1, false);
            assertThat(inbox.next(Duration.ofSeconds(10))).isEqualTo("raspberry/topic " + clientId);
            assertThat(broker.receivedPayloads("raspberry/topic")).containsExactly(clientId);
        }
    }

    @Fixture
    @MqttBroker(reset = {Reset.RECORDING, Reset.SESSIONS})
    static class FirstClass extends SameTopicEverywhere {
        @RepeatedTest(5)
        void roundTrip(BrokerHandle broker, MqttClients clients) throws Exception {
            classPorts.add(broker.port());
            roundTrip(broker, clients, "first");
        }
    }

    @Fixture
    @MqttBroker(reset = {Reset.RECORDING, Reset.SESSIONS})
    static class SecondClass extends SameTopicEverywhere {
        @RepeatedTest(5)
        void roundTrip(BrokerHandle broker, MqttClients clients) throws Exception {
            classPorts.add(broker.port());
            roundTrip(broker, clients, "second");
        }
    }

    @Fixture
    static class BrokerPerMethod extends SameTopicEverywhere {
        @RepeatedTest(5)
        @MqttBroker
        void roundTrip(BrokerHandle broker, MqttClients clients) throws Exception {
            methodPorts.add(broker.port());
            roundTrip(broker, clients, "per-method");
        }
    }
}
