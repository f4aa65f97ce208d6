package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPortTimeoutException;
import dev.midge.serial.junit.VirtualPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppReadsWhatTheDeviceSendsTest {

    @ParameterizedTest(name = "at {0} baud")
    @ValueSource(ints = {9600, 115200})
    void appReadsLinesTheDeviceSends(int baud, @VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), baud)) {
            port.device().sendLine("T=21.5").sendLine("T=21.6").lineEnding("\r\n").sendLine("T=21.7");

            BufferedReader reader = app.lines();
            assertThat(List.of(reader.readLine(), reader.readLine(), reader.readLine()))
                    .containsExactly("T=21.5", "T=21.6", "T=21.7");
        }
    }

    @ParameterizedTest(name = "at {0} baud")
    @ValueSource(ints = {9600, 115200})
    void appReadsAMultiLineBurstInOrder(int baud, @VirtualPort VirtualSerialPort port) throws Exception {
        List<String> burst = IntStream.range(0, 500).mapToObj(i -> "reading " + i + " = " + (i * 7 % 1000)).toList();
        try (PiPort app = PiPort.open(port.path(), baud)) {
            port.device().sendLine(String.join("\n", burst));

            BufferedReader reader = app.lines();
            List<String> read = new ArrayList<>();
            for (int i = 0; i < burst.size(); i++) {
                read.add(reader.readLine());
            }
            assertThat(read).isEqualTo(burst);
        }
    }

    @Test
    void appAssemblesALineThatArrivesInTwoPieces(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600, 3000)) {
            BufferedReader reader = app.lines();
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(reader));

            port.device().send("T=2");
            assertThat(line).as("a line without its end is not a line yet").isNotDone();
            port.device().send("1.5\n");

            assertThat(line.get(5, TimeUnit.SECONDS)).isEqualTo("T=21.5");
        }
    }

    @Test
    void appReadsEveryByteValueUnchanged(@VirtualPort VirtualSerialPort port) {
        byte[] everyValue = new byte[256];
        for (int i = 0; i < everyValue.length; i++) {
            everyValue[i] = (byte) i;
        }
        try (PiPort app = PiPort.open(port.path(), 115200)) {
            port.device().send(everyValue);

            assertThat(app.readExactly(256)).isEqualTo(everyValue);
        }
    }

    @Test
    void appSemiBlockingReadReturnsNothingWhenTheDeviceStaysSilent(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600, 200)) {
            long start = System.nanoTime();
            int read = app.port().readBytes(new byte[16], 16);

            assertThat(read).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void appInputStreamThrowsATimeoutWhenTheDeviceStaysSilent(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600, 200)) {
            assertThatThrownBy(() -> app.port().getInputStream().read()).isInstanceOf(SerialPortTimeoutException.class);
        }
    }

    @Test
    void bytesSentBeforeTheAppOpensThePortWaitForIt(@VirtualPort VirtualSerialPort port) throws Exception {
        port.device().sendLine("BOOT v1.2");

        try (PiPort app = PiPort.open(port.path(), 9600)) {
            assertThat(app.lines().readLine()).isEqualTo("BOOT v1.2");
        }
    }

    @Test
    void appThatFlushesOnOpenDropsWhatTheDeviceSentBefore(@VirtualPort VirtualSerialPort port) throws Exception {
        port.device().sendLine("stale");

        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.port().flushIOBuffers();
            port.device().sendLine("fresh");

            assertThat(app.lines().readLine()).isEqualTo("fresh");
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
