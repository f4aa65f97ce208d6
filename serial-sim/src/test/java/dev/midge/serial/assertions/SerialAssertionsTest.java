package dev.midge.serial.assertions;

import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.midge.serial.InMemorySerialLink;
import dev.midge.serial.SimulatedDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialAssertionsTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private final InMemorySerialLink link = InMemorySerialLink.create();
    private final SimulatedDevice device = link.device();

    @AfterEach
    void close() {
        link.close();
    }

    @Test
    void passWhenTheAppWroteWhatIsExpected() {
        appWrites("LED=ON\r\nLED=OFF\n");

        assertThat(device)
                .receivedLine("LED=OFF")
                .receivedLinesExactly("LED=ON", "LED=OFF")
                .receivedText("ON\r\nLED")
                .receivedBytes(0x0D, 0x0A)
                .receivedBytes(new byte[] {'=', 'O'})
                .receivedExactly("LED=ON\r\nLED=OFF\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void waitForTheAppToWriteFromAnotherThread() {
        CompletableFuture.runAsync(() -> appWrites("LED=ON\n"), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        assertThat(device).receivedLine("LED=ON");
    }

    @Test
    void missingLineFailureShowsWhatTheAppWroteAsEscapedTextAndHex() {
        appWrites("LED=OFF\r\n");

        assertThatThrownBy(() -> assertThat(device).within(SHORT).receivedLine("LED=ON"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the app to write the line \"LED=ON\" to the device on the in-memory serial link within 50 ms")
                .hasMessageContaining("but it wrote 9 bytes")
                .hasMessageContaining("text: \"LED=OFF\\r\\n\"")
                .hasMessageContaining("hex:  4C 45 44 3D 4F 46 46 0D 0A");
    }

    @Test
    void linesMustMatchExactlyAndInOrder() {
        appWrites("B\nA\n");

        assertThatThrownBy(() -> assertThat(device).within(SHORT).receivedLinesExactly("A", "B"))
                .hasMessageContaining("exactly the lines [\"A\", \"B\"]")
                .hasMessageContaining("text: \"B\\nA\\n\"");
    }

    @Test
    void missingBytesFailureNamesThemInHex() {
        appWrites(new byte[] {0x01, (byte) 0xFF});

        assertThatThrownBy(() -> assertThat(device).within(SHORT).receivedBytes(0xFF, 0x01))
                .hasMessageContaining("the bytes [FF 01]")
                .hasMessageContaining("text: \"\\x01\\xFF\"");
    }

    @Test
    void exactBytesFailWhenTheAppWroteMore() {
        appWrites("OK\nOK\n");

        assertThatThrownBy(() -> assertThat(device).within(SHORT).receivedExactly("OK\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("exactly 3 bytes")
                .hasMessageContaining("but it wrote 6 bytes");
    }

    @Test
    void silencePassesWhenTheAppWritesNothing() {
        assertThat(device).receivedNothingWithin(SHORT);
    }

    @Test
    void silenceFailsShowingWhatTheAppWrote() {
        appWrites("chatter\n");

        assertThatThrownBy(() -> assertThat(device).receivedNothingWithin(Duration.ofSeconds(5)))
                .hasMessageContaining("Expected the app to write nothing")
                .hasMessageContaining("text: \"chatter\\n\"");
    }

    @Test
    void byteValuesOutsideAByteAreRefused() {
        assertThatThrownBy(() -> assertThat(device).receivedBytes(0x100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failureOnNullNamesIt() {
        assertThatThrownBy(() -> assertThat((SimulatedDevice) null).receivedLine("x"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("null");
    }

    private void appWrites(String text) {
        appWrites(text.getBytes(StandardCharsets.UTF_8));
    }

    private void appWrites(byte[] bytes) {
        try {
            link.output().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
