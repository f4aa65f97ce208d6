package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.midge.serial.junit.VirtualPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceReceivesWhatTheAppWritesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest(name = "at {0} baud")
    @ValueSource(ints = {9600, 115200})
    void deviceReceivesLinesTheAppWrites(int baud, @VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), baud)) {
            app.write("LED=ON\n");
            app.write("LED=OFF\r\n");

            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("LED=ON");
            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("LED=OFF");
        }
    }

    @ParameterizedTest(name = "at {0} baud")
    @ValueSource(ints = {9600, 115200})
    void deviceReceivesAMultiLineBurstInOrder(int baud, @VirtualPort VirtualSerialPort port) {
        List<String> burst = IntStream.range(0, 300).mapToObj(i -> "command " + i).toList();
        try (PiPort app = PiPort.open(port.path(), baud)) {
            app.write(String.join("\n", burst) + "\n");

            List<String> received = new ArrayList<>();
            for (int i = 0; i < burst.size(); i++) {
                received.add(port.device().expectLine(TIMEOUT));
            }
            assertThat(received).isEqualTo(burst);
        }
    }

    @Test
    void deviceReceivesEveryByteValueUnchanged(@VirtualPort VirtualSerialPort port) {
        byte[] everyValue = new byte[256];
        for (int i = 0; i < everyValue.length; i++) {
            everyValue[i] = (byte) (255 - i);
        }
        try (PiPort app = PiPort.open(port.path(), 115200)) {
            app.write(everyValue);

            assertThat(port.device().expectBytes(256, TIMEOUT)).isEqualTo(everyValue);
        }
    }

    @Test
    void deviceSeesALineOnlyOnceTheAppCompletesIt(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.write("LED=");
            assertThat(port.device().awaitWritten(bytes -> bytes.length == 4, TIMEOUT)).isTrue();
            assertThat(port.device().writtenLines()).isEmpty();

            app.write("ON\n");

            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("LED=ON");
        }
    }

    @Test
    void deviceRecordsEverythingTheAppWroteAfterLinesAreTaken(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.write("A\nB\nrest");
            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("A");
            assertThat(port.device().awaitWritten(bytes -> bytes.length == 8, TIMEOUT)).isTrue();

            assertThat(port.device().written()).isEqualTo("A\nB\nrest".getBytes(StandardCharsets.UTF_8));
            assertThat(port.device().writtenLines()).containsExactly("A", "B");
            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("B");
        }
    }

    @Test
    void clearingTheRecordingForgetsEarlierOutput(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.write("old\n");
            port.device().expectLine(TIMEOUT);
            port.device().clearWritten();
            app.write("new\n");

            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("new");
            assertThat(port.device().writtenLines()).containsExactly("new");
        }
    }

    @Test
    void expectingALineThatNeverEndsFailsShowingWhatTheAppWrote(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.write("DONE\n");
            port.device().expectLine(TIMEOUT);
            app.write("OK\r");
            assertThat(port.device().awaitWritten(bytes -> bytes.length == 8, TIMEOUT)).isTrue();

            assertThatThrownBy(() -> port.device().expectLine(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("within 100 ms")
                    .hasMessageContaining("text: \"OK\\r\"")
                    .hasMessageContaining("hex:  4F 4B 0D");
        }
    }
}
