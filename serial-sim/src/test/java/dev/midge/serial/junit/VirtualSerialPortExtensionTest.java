package dev.midge.serial.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.midge.serial.InMemorySerialLink;
import dev.midge.serial.VirtualSerialPort;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class VirtualSerialPortExtensionTest {

    private static final List<Object> INJECTED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetEarlierRuns() {
        INJECTED.clear();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void injectsAPortThatIsClosedAfterTheTest() {
        run(TestWithAPort.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

        VirtualSerialPort port = (VirtualSerialPort) INJECTED.get(0);
        assertThat(port.isPlugged()).isFalse();
        assertThat(port.path()).doesNotExist();
        assertThat(port.path().getParent()).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void injectsOnePortPerParameterAlsoIntoBeforeEachMethods() {
        run(TestWithPortsInBeforeEach.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(INJECTED).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(((VirtualSerialPort) port).isPlugged()).isFalse());
    }

    @Test
    void skipsATestThatNeedsAPseudoTerminalWhereThereIsNone() {
        run(TestWithAPortWithoutPseudoTerminals.class)
                .assertStatistics(stats -> stats.aborted(1).succeeded(0).failed(0))
                .aborted().assertThatEvents().haveExactly(1, event(test(),
                        abortedWithReason(message(text -> text.contains("need pseudo-terminals") && text.contains("InMemorySerialLink")))));
        assertThat(INJECTED).isEmpty();
    }

    @Test
    void injectsAnInMemoryLinkWhereThereIsNoPseudoTerminal() {
        run(TestWithAnInMemoryLinkWithoutPseudoTerminals.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

        InMemorySerialLink link = (InMemorySerialLink) INJECTED.get(0);
        assertThatThrownBy(() -> link.device().sendLine("after the test")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsParametersOfOtherTypesNamingTheSupportedOnes() {
        run(TestWithAStringParameter.class).assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(text -> text.contains("VirtualSerialPort or InMemorySerialLink")))));
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    static class TestWithAPort {
        @Test
        void usesThePort(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port) {
            INJECTED.add(port);
            assertThat(port.path().getFileName()).hasToString("ttyAMA0");
            assertThat(port.path()).exists();
        }
    }

    static class TestWithPortsInBeforeEach {
        private VirtualSerialPort sensor;

        @BeforeEach
        void attachSensor(@VirtualPort(name = "ttyUSB0") VirtualSerialPort port) {
            sensor = port;
            INJECTED.add(port);
        }

        @Test
        void usesBothPorts(@VirtualPort(name = "ttyUSB1") VirtualSerialPort other) {
            INJECTED.add(other);
            assertThat(sensor.isPlugged()).isTrue();
            assertThat(other.path()).isNotEqualTo(sensor.path());
        }
    }

    static class TestWithAPortWithoutPseudoTerminals {
        @RegisterExtension
        static final VirtualSerialPortExtension WITHOUT_PTY = new VirtualSerialPortExtension(() -> false);

        @Test
        void usesThePort(@VirtualPort VirtualSerialPort port) {
            INJECTED.add(port);
        }
    }

    static class TestWithAnInMemoryLinkWithoutPseudoTerminals {
        @RegisterExtension
        static final VirtualSerialPortExtension WITHOUT_PTY = new VirtualSerialPortExtension(() -> false);

        @Test
        void usesTheLink(@VirtualPort InMemorySerialLink link) throws Exception {
            INJECTED.add(link);
            link.device().sendLine("T=21.5");
            byte[] line = new byte[7];
            assertThat(link.input().read(line)).isEqualTo(7);
            assertThat(link.device().written()).isEmpty();
        }
    }

    static class TestWithAStringParameter {
        @Test
        void wantsAString(@VirtualPort String port) {
            INJECTED.add(port);
        }
    }
}
