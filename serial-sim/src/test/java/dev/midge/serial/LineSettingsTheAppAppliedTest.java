package dev.midge.serial;

import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.serial.junit.VirtualPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Several tests only need the app to hold the port open for the duration of a try block.
@SuppressWarnings("try")
class LineSettingsTheAppAppliedTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
            "9600 8N1, 9600 8N1",
            "115200 8N1, 115200 8N1",
            "19200 7E1, 19200 7E1",
            "57600 8O2, 57600 8O2",
            "4800 8M1, 4800 8M1",
            "2400 8S2, 2400 8S2",
            "250000 8N1, 250000 8N1",
            "1200 6N1, 1200 7N1",
            "300 5N1.5, 300 7N1",
    })
    void portShowsTheSettingsTheAppApplied(String applied, String shown, @VirtualPort VirtualSerialPort port) throws Exception {
        LineSettings settings = LineSettings.parse(applied);
        try (JSerialCommLink app = JSerialCommLink.open(port.path().toString(), settings, Duration.ofSeconds(1))) {
            assertThat(port.lineSettings()).isEqualTo(LineSettings.parse(shown));
            assertThat(port).hasLineSettings(settings);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void portShowsTheLinuxDefaultBeforeTheAppConfiguresIt(@VirtualPort VirtualSerialPort port) {
        assertThat(port.lineSettings()).isEqualTo(LineSettings.parse("38400 8N1"));
    }

    @Test
    void portShowsTheSettingsOfThePiFlows(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            assertThat(port).hasLineSettings("9600 8N1");
        }
    }

    @Test
    void portShowsSettingsTheAppChangesWhileOpen(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            app.port().setComPortParameters(115200, 7, SerialPort.TWO_STOP_BITS, SerialPort.ODD_PARITY);

            assertThat(port).hasLineSettings("115200 7O2");
        }
    }

    @Test
    void settingsStayReadableAfterTheAppClosesAndAfterUnplugging(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 19200)) {
            assertThat(port).hasLineSettings("19200 8N1");
        }
        assertThat(port).isClosedByTheApp();
        assertThat(port.lineSettings()).isEqualTo(LineSettings.parse("19200 8N1"));

        port.unplug();

        assertThat(port.lineSettings()).isEqualTo(LineSettings.parse("19200 8N1"));
    }

    @Test
    void wrongSettingsFailNamingWhatThePortShows(@VirtualPort VirtualSerialPort port) {
        try (PiPort app = PiPort.open(port.path(), 115200)) {
            assertThatThrownBy(() -> assertThat(port).within(Duration.ofMillis(50)).hasLineSettings("9600 8N1"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("as 9600 8N1 within 50 ms")
                    .hasMessageContaining("shows 115200 8N1");
        }
    }
}
