package dev.midge.junit;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.junit.testing.EngineRun;
import dev.midge.junit.testing.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which broker a test gets: one per class, one per method, or from a registered extension, and what is reset
 * between tests.
 */
class BrokerLifecycleTest {

    @BeforeEach
    void forgetPortsOfEarlierRuns() {
        SharedBroker.ports.clear();
        BrokerPerMethod.ports.clear();
        RegisteredExtensions.staticPorts.clear();
        RegisteredExtensions.instancePorts.clear();
        WithNested.ports.clear();
    }

    @Test
    void aClassAnnotationGivesEveryTestTheSameBrokerResetBetweenTests() {
        EngineExecutionResults results = EngineRun.run(Map.of(), SharedBroker.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(SharedBroker.ports).hasSize(1);
    }

    @Test
    void aMethodAnnotationGivesThatTestItsOwnBroker() {
        EngineExecutionResults results = EngineRun.run(Map.of(), BrokerPerMethod.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(BrokerPerMethod.ports).hasSize(2);
    }

    @Test
    void aStaticRegisteredExtensionServesTheWholeClassAndAnInstanceOneEachTest() {
        EngineExecutionResults results = EngineRun.run(Map.of(), RegisteredExtensions.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(RegisteredExtensions.staticPorts).hasSize(1);
        assertThat(RegisteredExtensions.instancePorts).hasSize(2);
    }

    @Test
    void everyBrokerIsClosedWhenItsScopeEnds() {
        EngineExecutionResults results = EngineRun.run(Map.of(), SharedBroker.class, BrokerPerMethod.class,
                RegisteredExtensions.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
        Set<Integer> used = new HashSet<>();
        used.addAll(SharedBroker.ports);
        used.addAll(BrokerPerMethod.ports);
        used.addAll(RegisteredExtensions.staticPorts);
        used.addAll(RegisteredExtensions.instancePorts);
        assertThat(used).isNotEmpty().allSatisfy(port -> assertThat(accepts(port)).as("port %d accepts", port).isFalse());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void resetCanKeepRetainedMessagesAndSessionsBetweenTests() {
        EngineExecutionResults results = EngineRun.run(Map.of(), KeepingState.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void nestedClassesShareTheBrokerOfTheirEnclosingClass() {
        EngineExecutionResults results = EngineRun.run(Map.of(), WithNested.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(WithNested.ports).hasSize(1);
    }

    @Fixture
    @MqttBroker
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedBroker {
        static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

        @Test
        @Order(1)
        void leavesStateBehind(BrokerHandle broker) {
            ports.add(broker.port());
            broker.publish(new Message("raspberry/status", "On".getBytes(StandardCharsets.UTF_8),
                    QoS.AT_LEAST_ONCE, true, MessageProperties.NONE));
            assertThat(broker.retainedMessages()).hasSize(1);
            assertThat(broker.receivedMessages()).hasSize(1);
        }

        @Test
        @Order(2)
        void findsItCleared(BrokerHandle broker) {
            ports.add(broker.port());
            assertThat(broker.retainedMessages()).isEmpty();
            assertThat(broker.receivedMessages()).isEmpty();
        }
    }

    @Fixture
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class KeepingState {
        @RegisterExtension
        static final MidgeExtension broker = MidgeExtension.builder().reset(Reset.RECORDING).build();

        @Test
        @Order(1)
        void leavesARetainedMessage() {
            broker.publish(new Message("raspberry/status", "On".getBytes(StandardCharsets.UTF_8),
                    QoS.AT_LEAST_ONCE, true, MessageProperties.NONE));
        }

        @Test
        @Order(2)
        void findsItStillThereButNoRecordedTraffic() {
            assertThat(broker.retainedMessages()).extracting(Message::payloadAsString).containsExactly("On");
            assertThat(broker.receivedMessages()).isEmpty();
        }
    }

    @Fixture
    static class BrokerPerMethod {
        static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

        @Test
        @MqttBroker
        void first(BrokerHandle broker) {
            ports.add(broker.port());
        }

        @Test
        @MqttBroker
        void second(BrokerHandle broker) {
            ports.add(broker.port());
        }
    }

    @Fixture
    static class RegisteredExtensions {
        static final Set<Integer> staticPorts = ConcurrentHashMap.newKeySet();
        static final Set<Integer> instancePorts = ConcurrentHashMap.newKeySet();

        @RegisterExtension
        static final MidgeExtension perClass = MidgeExtension.builder().build();

        @RegisterExtension
        final MidgeExtension perTest = MidgeExtension.builder().build();

        @Test
        void first() {
            staticPorts.add(perClass.port());
            instancePorts.add(perTest.port());
        }

        @Test
        void second() {
            staticPorts.add(perClass.port());
            instancePorts.add(perTest.port());
        }
    }

    @Fixture
    @MqttBroker
    static class WithNested {
        static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

        @Test
        void outer(BrokerHandle broker) {
            ports.add(broker.port());
        }

        @Nested
        class Inner {
            @Test
            void inner(BrokerHandle broker) {
                ports.add(broker.port());
            }
        }
    }
}
