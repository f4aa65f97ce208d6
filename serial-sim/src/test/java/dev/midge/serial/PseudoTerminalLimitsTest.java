package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.serial.junit.VirtualPort;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a pseudo-terminal does not do like real hardware; each limit is documented in docs/serial-sim.md. */
// Some tests only need the app to hold the port open for the duration of a try block.
@SuppressWarnings("try")
class PseudoTerminalLimitsTest {

    @Test
    void modemControlLinesCannotBeSet(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            assertThat(app.port().setDTR()).isFalse();
            assertThat(app.port().clearDTR()).isFalse();
            assertThat(app.port().setRTS()).isFalse();
            assertThat(app.port().clearRTS()).isFalse();
            assertThat(app.port().getCTS()).isFalse();
            assertThat(app.port().getDSR()).isFalse();
            assertThat(app.port().getDCD()).isFalse();
        }
    }

    @Test
    void baudRateIsNotEmulated(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            long start = System.nanoTime();
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> app.readExactly(64 * 1024));
            port.device().send(new byte[64 * 1024]);

            assertThat(read.get(5, TimeUnit.SECONDS)).hasSize(64 * 1024);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("64 KiB at 9600 baud take 68 s on a real line")
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void appCannotOpenThePortTwice(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            SerialPort second = SerialPort.getCommPort(port.path().toString());

            assertThat(second.openPort()).isFalse();
        }
    }

    @Test
    void jSerialCommReportsThePseudoTerminalNotTheLink(@VirtualPort VirtualSerialPort port) {
        SerialPort serial = SerialPort.getCommPort(port.path().toString());

        assertThat(serial.getSystemPortPath()).isEqualTo(port.ptyPath());
    }
}
