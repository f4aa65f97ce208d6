package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SerialLink} does, proven by an app written only against the interface. Subclasses
 * provide the link with a read timeout of {@link #READ_TIMEOUT}, its device, and a way to hang up.
 */
abstract class SerialLinkContract {

    static final Duration READ_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SerialLink link;

    abstract SerialLink openLink() throws IOException;

    abstract SimulatedDevice device();

    abstract void hangUp();

    abstract void closeDevice();

    @BeforeEach
    void open() throws IOException {
        link = openLink();
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        closeDevice();
    }

    @Test
    void appReadsTheLinesTheDeviceSends() throws IOException {
        device().sendLine("T=21.5").sendLine("T=21.6");

        BufferedReader reader = new BufferedReader(new InputStreamReader(link.input(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("T=21.5");
        assertThat(reader.readLine()).isEqualTo("T=21.6");
    }

    @Test
    void deviceReceivesTheCommandsTheAppWrites() throws IOException {
        OutputStream output = link.output();
        output.write("LED=ON\n".getBytes(StandardCharsets.UTF_8));
        output.flush();

        assertThat(device().expectLine(TIMEOUT)).isEqualTo("LED=ON");
    }

    @Test
    void readThatGetsNothingThrowsATimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> link.input().read()).isInstanceOf(InterruptedIOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(50));
    }

    @Test
    void readReturnsWhatHasArrivedWithoutWaitingForMore() throws IOException {
        device().send("abc");

        byte[] buffer = new byte[64];
        int count = link.input().read(buffer, 0, buffer.length);

        assertThat(new String(buffer, 0, count, StandardCharsets.UTF_8)).isNotEmpty().isSubstringOf("abc");
    }

    @Test
    void appReadsEndOfStreamAndCannotWriteAfterTheHangUp() {
        hangUp();

        assertThat(readQuietly()).isEqualTo(-1);
        assertThatThrownBy(() -> link.output().write('x')).isInstanceOf(IOException.class);
    }

    private int readQuietly() {
        try {
            return link.input().read();
        } catch (IOException e) {
            throw new AssertionError("expected end of stream, got " + e, e);
        }
    }
}
