package dev.midge.serial;

import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortTimeoutException;
import dev.midge.serial.junit.VirtualPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

// Several tests only need the app to hold the port open for the duration of a try block.
@SuppressWarnings("try")
class HangUpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void appHearsTheDisconnectWhenTheDeviceIsUnplugged(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            CountDownLatch disconnected = new CountDownLatch(1);
            app.port().addDataListener(onDisconnect(event -> {
                event.getSerialPort().closePort();
                disconnected.countDown();
            }));

            port.unplug();

            assertThat(disconnected.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void appThatKeepsAnUnpluggedPortOpenHearsTheDisconnectAgainAndAgain(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            CountDownLatch thousandEvents = new CountDownLatch(1000);
            app.port().addDataListener(onDisconnect(event -> thousandEvents.countDown()));

            port.unplug();

            assertThat(thousandEvents.await(5, TimeUnit.SECONDS)).as("jSerialComm repeats PORT_DISCONNECTED until closePort").isTrue();
        }
    }

    @Test
    void appThatClosesOnTheFirstDisconnectHearsItOnce(@VirtualPort VirtualSerialPort port) throws Exception {
        SerialPort serial = PiPort.open(port.path(), 9600).port();
        AtomicInteger events = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        serial.addDataListener(onDisconnect(event -> {
            events.incrementAndGet();
            event.getSerialPort().closePort();
            closed.countDown();
        }));

        try {
            port.unplug();

            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(serial.isOpen()).isFalse();
            assertThat(events).hasValue(1);
        } finally {
            serial.closePort();
        }
    }

    @Test
    void appReadsEndOfStreamAndFailsToWriteAfterTheUnplug(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            port.unplug();

            assertThat(app.port().getInputStream().read()).isEqualTo(-1);
            assertThat(app.port().bytesAvailable()).isEqualTo(-1);
            assertThat(app.port().isOpen()).as("jSerialComm still calls the port open").isTrue();
            assertThatThrownBy(() -> app.port().getOutputStream().write(new byte[] {'x'}))
                    .isInstanceOf(SerialPortTimeoutException.class);
        }
    }

    @Test
    void deviceSeesTheAppOpenAndCloseThePort(@VirtualPort VirtualSerialPort port) {
        assertThat(port.isAppConnected()).isFalse();
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            assertThat(port).isOpenedByTheApp();
        }
        assertThat(port).isClosedByTheApp();
    }

    @Test
    void unpluggedPortHasNoPathAndItsDeviceCannotSend(@VirtualPort VirtualSerialPort port) {
        port.unplug();

        assertThat(port.isPlugged()).isFalse();
        assertThat(port.path()).doesNotExist();
        assertThat(Path.of(port.ptyPath())).doesNotExist();
        assertThatThrownBy(() -> port.device().sendLine("lost")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unplugged");
    }

    @Test
    void replugPlugsANewPseudoTerminalInBehindTheSamePath(@VirtualPort(name = "ttyUSB0") VirtualSerialPort port) throws Exception {
        Path stable = port.path();
        try (PiPort app = PiPort.open(stable, 9600)) {
            app.write("before\n");
            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("before");
        }

        port.replug();

        assertThat(port.path()).isEqualTo(stable);
        assertThat(Files.readSymbolicLink(stable)).isEqualTo(Path.of(port.ptyPath()));
        try (PiPort app = PiPort.open(stable, 9600)) {
            port.device().sendLine("hello again");
            assertThat(app.lines().readLine()).isEqualTo("hello again");
            app.write("after\n");
            assertThat(port.device().expectLine(TIMEOUT)).isEqualTo("after");
        }
        assertThat(port.device().writtenLines()).containsExactly("before", "after");
    }

    @Test
    void periodicSourceSkipsReadingsWhileUnpluggedAndResumesAfterReplug(@VirtualPort VirtualSerialPort port) throws Exception {
        port.unplug();
        PeriodicSource sensor = port.device().emitEvery(Duration.ofMillis(10), () -> "T=20.0");

        port.replug();

        try (PiPort app = PiPort.open(port.path(), 9600)) {
            assertThat(app.lines().readLine()).isEqualTo("T=20.0");
        }
        sensor.stop();
    }

    private static SerialPortDataListener onDisconnect(Consumer<SerialPortEvent> reaction) {
        return new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                reaction.accept(event);
            }
        };
    }
}
