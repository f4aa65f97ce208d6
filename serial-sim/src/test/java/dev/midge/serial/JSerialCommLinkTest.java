package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pseudo-terminal backed {@link SerialLink}: jSerialComm on a {@link VirtualSerialPort}. */
class JSerialCommLinkTest extends SerialLinkContract {

    private VirtualSerialPort port;

    @Override
    SerialLink openLink() throws IOException {
        assumeThat(VirtualSerialPort.isSupported()).as("pseudo-terminals available").isTrue();
        port = VirtualSerialPort.open();
        return JSerialCommLink.open(port.path().toString(), LineSettings.parse("9600 8N1"), READ_TIMEOUT);
    }

    @Override
    SimulatedDevice device() {
        return port.device();
    }

    @Override
    void hangUp() {
        port.unplug();
    }

    @Override
    void closeDevice() {
        port.close();
    }

    @Test
    void linkOpensThePortWithTheGivenSettings() throws IOException {
        try (VirtualSerialPort other = VirtualSerialPort.open("ttyS1");
                JSerialCommLink link = JSerialCommLink.open(other.path().toString(), LineSettings.parse("115200 7E1"), READ_TIMEOUT)) {
            assertThat(other.lineSettings()).isEqualTo(LineSettings.parse("115200 7E1"));
            assertThat(link.port().getBaudRate()).isEqualTo(115200);
        }
    }

    @Test
    void openingAPortThatDoesNotExistFailsNamingIt() {
        assertThatThrownBy(() -> JSerialCommLink.open(port.path() + "-missing", LineSettings.parse("9600 8N1"), READ_TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-missing");
    }
}
