package dev.midge.serial.examples;

import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of docs/serial-sim.md, as they are printed there. */
class DocumentationExamplesTest {

    @Test
    void readsTheTemperatureTheSensorReports(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port) throws Exception {
        port.device().emitEvery(Duration.ofMillis(100), () -> "T=21.5");

        try (TemperatureReader app = new TemperatureReader(port.path().toString())) {
            assertThat(app.nextReading()).isEqualTo(21.5);
            assertThat(port).hasLineSettings("9600 8N1");
        }
    }

    @Test
    void switchesTheLedOn(@VirtualPort VirtualSerialPort port) throws Exception {
        try (LedController app = new LedController(port.path().toString())) {
            app.switchOn();

            assertThat(port).receivedLine("LED=ON");
        }
    }
}
