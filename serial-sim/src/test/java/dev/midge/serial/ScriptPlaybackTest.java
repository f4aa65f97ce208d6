package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.midge.serial.junit.VirtualPort;
import java.io.BufferedReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scripts played through a virtual port to an app reading it with jSerialComm. */
class ScriptPlaybackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aRecordedTraceReplaysAtItsOwnPaceAndItsRepliesAnswer(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600, 5000)) {
            BufferedReader reader = app.lines();
            long start = System.nanoTime();
            ScriptRun run = port.device().play(DeviceScript.fromResource("scripts/dht22.script"));

            assertThat(reader.readLine()).isEqualTo("T=21.5 H=40");
            assertThat(reader.readLine()).isEqualTo("T=21.6 H=40");
            assertThat(reader.readLine()).isEqualTo("T=21.7 H=41");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the last reading is recorded at 400 ms")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            app.write("READ?\n");
            assertThat(reader.readLine()).isEqualTo("T=21.5 H=40");
            assertThat(run.isFinished()).as("still waiting for SET INTERVAL").isFalse();
            app.write("SET INTERVAL 5\n");
            assertThat(reader.readLine()).isEqualTo("OK 5");

            run.awaitFinished(TIMEOUT);
        }
    }

    @Test
    void anExpectTheAppDoesNotMeetFailsTheRunNamingTheLine(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            ScriptRun run = port.device().play(DeviceScript.parse("send HELLO\nexpect ACK within 5s\n"));
            app.write("NAK\n");

            assertThatThrownBy(() -> run.awaitFinished(TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("script:2: expected the app to write \"ACK\", but it wrote \"NAK\"");
        }
    }

    @Test
    void anExpectNobodyAnswersFailsAfterItsTimeoutShowingWhatArrived(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.write("partial");
            ScriptRun run = port.device().play(DeviceScript.parse("expect ACK within 100ms"));

            assertThatThrownBy(() -> run.awaitFinished(TIMEOUT))
                    .hasMessageStartingWith("script:1: expected the app to write \"ACK\" within 100 ms, but it wrote ")
                    .hasMessageContaining("partial");
        }
    }

    @Test
    void aScriptThatRepeatsUntilStoppedEndsWhenStoppedOrWhenThePortCloses(@VirtualPort VirtualSerialPort port)
            throws Exception {
        DeviceScript heartbeat = DeviceScript.parse("repeat\nsend beat\nwait 10ms\nend\n");
        try (PiPort app = PiPort.open(port.path(), 9600, 5000)) {
            BufferedReader reader = app.lines();
            ScriptRun run = port.device().play(heartbeat);
            for (int i = 0; i < 3; i++) {
                assertThat(reader.readLine()).isEqualTo("beat");
            }

            run.stop();
            run.awaitFinished(TIMEOUT);
        }
        ScriptRun untilClosed;
        try (VirtualSerialPort other = VirtualSerialPort.open()) {
            untilClosed = other.device().play(heartbeat);
        }
        untilClosed.awaitFinished(TIMEOUT);
    }

    @Test
    void aRunThatHasNotFinishedInTimeSaysWhereItIs(@VirtualPort VirtualSerialPort port) {
        try (ScriptRun run = port.device().play(DeviceScript.parse("# a long pause\nwait 1m\nsend late"))) {
            assertThatThrownBy(() -> run.awaitFinished(Duration.ofMillis(50)))
                    .hasMessage("script did not finish within 50 ms: it is at line 2");
        }
    }
}
