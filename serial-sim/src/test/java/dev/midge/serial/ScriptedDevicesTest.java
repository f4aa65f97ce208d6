package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.midge.serial.junit.VirtualPort;
import java.io.BufferedReader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScriptedDevicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void deviceAnswersARequestWithItsScriptedReply(@VirtualPort VirtualSerialPort port) throws Exception {
        port.device().respondTo("READ?", "T=21.5").respondTo("ID?", "SENSOR-7");
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            BufferedReader reader = app.lines();

            app.write("ID?\n");
            assertThat(reader.readLine()).isEqualTo("SENSOR-7");
            app.write("READ?\r\n");
            assertThat(reader.readLine()).isEqualTo("T=21.5");
        }
    }

    @Test
    void firstResponderWithAnAnswerWins(@VirtualPort VirtualSerialPort port) throws Exception {
        port.device()
                .respondWith(request -> request.startsWith("SET ") ? "OK " + request.substring(4) : null)
                .respondWith(request -> "ERR unknown " + request);
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            BufferedReader reader = app.lines();

            app.write("SET 5\nRESET\n");

            assertThat(reader.readLine()).isEqualTo("OK 5");
            assertThat(reader.readLine()).isEqualTo("ERR unknown RESET");
        }
    }

    @Test
    void deviceStaysSilentForRequestsItHasNoReplyFor(@VirtualPort VirtualSerialPort port) {
        port.device().respondTo("PING", "PONG");
        try (PiPort app = PiPort.open(port.path(), 9600, 200)) {
            app.write("HELLO\n");
            port.device().expectLine(TIMEOUT);

            assertThat(app.port().readBytes(new byte[8], 8)).isZero();
        }
    }

    @Test
    void echoDeviceSendsBackEveryByteTheAppWrites(@VirtualPort VirtualSerialPort port) {
        port.device().echo();
        byte[] sent = {0x02, 'h', 'i', 0x00, (byte) 0xFF, 0x03};
        try (PiPort app = PiPort.open(port.path(), 115200)) {
            app.write(sent);

            assertThat(app.readExactly(sent.length)).isEqualTo(sent);
            assertThat(port.device().written()).isEqualTo(sent);
        }
    }

    @Test
    void periodicSensorReportsUntilStopped(@VirtualPort VirtualSerialPort port) throws Exception {
        AtomicInteger tenths = new AtomicInteger(200);
        try (PiPort app = PiPort.open(port.path(), 9600, 300)) {
            PeriodicSource sensor = port.device().emitEvery(Duration.ofMillis(20), () -> "T=" + tenths.getAndIncrement() / 10.0);
            BufferedReader reader = app.lines();

            assertThat(reader.readLine()).isEqualTo("T=20.0");
            assertThat(reader.readLine()).isEqualTo("T=20.1");
            assertThat(reader.readLine()).isEqualTo("T=20.2");

            sensor.stop();
            long emitted = sensor.emitted();
            for (long i = 3; i < emitted; i++) {
                reader.readLine();
            }
            assertThat(app.port().readBytes(new byte[64], 64)).as("bytes after the sensor stopped").isZero();
            assertThat(sensor.emitted()).isEqualTo(emitted);
        }
    }

    @Test
    void throttledDeviceTakesTheLineTimeOfEveryByte(@VirtualPort VirtualSerialPort port) {
        LineSettings pi = LineSettings.parse("9600 8N1");
        port.device().throttle(pi);
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            long start = System.nanoTime();
            port.device().send(new byte[96]);
            Duration sending = Duration.ofNanos(System.nanoTime() - start);

            assertThat(sending).isGreaterThanOrEqualTo(pi.characterTime().multipliedBy(96));
            assertThat(app.readExactly(96)).hasSize(96);
        }
    }

    @Test
    void deviceBackAtMemorySpeedAfterThrottlingStops(@VirtualPort VirtualSerialPort port) {
        port.device().throttle(LineSettings.parse("300 8N1")).stopThrottling();
        try (PiPort app = PiPort.open(port.path(), 300)) {
            long start = System.nanoTime();
            port.device().send(new byte[300]);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("300 bytes at 300 baud would take 10 s")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(app.readExactly(300)).hasSize(300);
        }
    }
}
