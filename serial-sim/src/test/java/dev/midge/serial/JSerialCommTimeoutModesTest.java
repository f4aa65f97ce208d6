package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.serial.junit.VirtualPort;
import java.nio.charset.StandardCharsets;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The read modes of jSerialComm besides semi-blocking, which the other tests use throughout. */
class JSerialCommTimeoutModesTest {

    @Test
    void blockingReadWaitsForEveryRequestedByte(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.port().setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 5000, 0);
            byte[] buffer = new byte[6];
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> app.port().readBytes(buffer, buffer.length));

            port.device().send("abc");
            assertThat(read).as("half of the requested bytes").isNotDone();
            port.device().send("def");

            assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(new String(buffer, StandardCharsets.UTF_8)).isEqualTo("abcdef");
        }
    }

    @Test
    void nonBlockingReadReturnsAtOnceWithWhatHasArrived(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.port().setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
            byte[] buffer = new byte[16];
            assertThat(app.port().readBytes(buffer, buffer.length)).isZero();

            port.device().send("hello");
            awaitAvailable(app.port(), 5);

            assertThat(app.port().readBytes(buffer, buffer.length)).isEqualTo(5);
            assertThat(new String(buffer, 0, 5, StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void scannerModeFeedsAJavaUtilScanner(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.port().setComPortTimeouts(SerialPort.TIMEOUT_SCANNER, 0, 0);
            Scanner scanner = new Scanner(app.port().getInputStream(), StandardCharsets.UTF_8);

            port.device().sendLine("T=21.5").sendLine("T=22.0").sendLine("T=22.5");

            assertThat(scanner.nextLine()).isEqualTo("T=21.5");
            assertThat(scanner.nextLine()).isEqualTo("T=22.0");
        }
    }

    private static void awaitAvailable(SerialPort serial, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (serial.bytesAvailable() < count) {
            assertThat(deadline - System.nanoTime()).as("%d bytes available within 5 s", count).isPositive();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
