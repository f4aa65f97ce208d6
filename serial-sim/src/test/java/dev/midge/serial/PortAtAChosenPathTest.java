package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VirtualSerialPort.openAt}: the link where the test says, for apps that look for a fixed path. */
class PortAtAChosenPathTest {

    @TempDir
    Path dir;

    @Test
    void theAppOpensThePortAtThePathTheTestChose() throws Exception {
        Path chosen = dir.resolve("ttyUSB7");
        try (VirtualSerialPort port = VirtualSerialPort.openAt(chosen);
             PiPort app = PiPort.open(chosen, 9600)) {
            port.device().sendLine("T=21.5");

            assertThat(port.path()).isEqualTo(chosen);
            assertThat(Files.isSymbolicLink(chosen)).isTrue();
            BufferedReader reader = app.lines();
            assertThat(reader.readLine()).isEqualTo("T=21.5");
        }
        assertThat(chosen).as("the link goes with the port").doesNotExist();
    }

    @Test
    void aLeftOverLinkIsReplaced() throws Exception {
        Path chosen = Files.createSymbolicLink(dir.resolve("ttyUSB7"), dir.resolve("gone"));
        try (VirtualSerialPort port = VirtualSerialPort.openAt(chosen)) {
            assertThat(Files.readSymbolicLink(chosen)).hasToString(port.ptyPath().toString());
        }
    }

    @Test
    void anyOtherFileAtThePathIsRefusedAndKept() throws Exception {
        Path file = Files.writeString(dir.resolve("ttyUSB7"), "not a port");

        assertThatThrownBy(() -> VirtualSerialPort.openAt(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " exists and is not a symbolic link; refusing to replace it");
        assertThat(Files.readString(file)).isEqualTo("not a port");
    }
}
