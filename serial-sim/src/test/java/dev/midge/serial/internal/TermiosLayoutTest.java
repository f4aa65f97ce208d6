package dev.midge.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.midge.serial.LineSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding of termios flag words exactly as libc reports them; macOS values are from its termios.h. */
class TermiosLayoutTest {

    private static final long LINUX_CS8 = 060;
    private static final long LINUX_CSTOPB = 0100;
    private static final long LINUX_PARENB = 0400;
    private static final long LINUX_PARODD = 01000;
    private static final long DARWIN_CS7 = 0x200;
    private static final long DARWIN_CS8 = 0x300;
    private static final long DARWIN_CSTOPB = 0x400;
    private static final long DARWIN_PARENB = 0x1000;
    private static final long DARWIN_PARODD = 0x2000;
    private static final long CMSPAR = 010000000000L;
    private static final long INPCK = 020;
    private static final long ISTRIP = 040;

    @ParameterizedTest(name = "Linux pseudo-terminal: {0}")
    @CsvSource({
            "9600 8N1, 0, 0",
            "9600 7E1, " + (ISTRIP | INPCK) + ", 0",
            "9600 8O2, " + INPCK + ", " + (LINUX_PARODD | LINUX_CSTOPB),
            "9600 8M1, " + INPCK + ", " + (CMSPAR | LINUX_PARODD),
            "9600 8S1, " + INPCK + ", " + CMSPAR,
    })
    void linuxPseudoTerminalsAreReadThroughTheFlagsTheyKeep(String settings, long iflag, long cflagWithoutSize) {
        assertThat(TermiosLayout.LINUX.decode(iflag, LINUX_CS8 | cflagWithoutSize, 9600)).isEqualTo(LineSettings.parse(settings));
    }

    @ParameterizedTest(name = "Linux serial driver: {0}")
    @CsvSource({
            "9600 8E1, " + (LINUX_CS8 | LINUX_PARENB),
            "9600 5N1, 0",
            "9600 6N1, 020",
            "9600 7O2, " + (040 | LINUX_PARENB | LINUX_PARODD | LINUX_CSTOPB),
    })
    void linuxFlagsThatAPseudoTerminalDropsAreStillDecoded(String settings, long cflag) {
        assertThat(TermiosLayout.LINUX.decode(0, cflag, 9600)).isEqualTo(LineSettings.parse(settings));
    }

    @ParameterizedTest(name = "macOS: {0}")
    @CsvSource({
            "115200 8N1, 0, " + DARWIN_CS8,
            "115200 7E1, " + (ISTRIP | INPCK) + ", " + (DARWIN_CS7 | DARWIN_PARENB),
            "115200 8O2, " + INPCK + ", " + (DARWIN_CS8 | DARWIN_PARENB | DARWIN_PARODD | DARWIN_CSTOPB),
            "115200 8M1, " + INPCK + ", " + (DARWIN_CS8 | DARWIN_PARENB | DARWIN_PARODD | CMSPAR),
    })
    void darwinFlagsAreDecodedWithItsOwnBitValues(String settings, long iflag, long cflag) {
        assertThat(TermiosLayout.DARWIN.decode(iflag, cflag, 115200)).isEqualTo(LineSettings.parse(settings));
    }

    @ParameterizedTest(name = "speed_t {0} is {1} baud")
    @CsvSource({"13, 9600", "15, 38400", "4097, 57600", "4098, 115200", "4111, 4000000", "9600, 9600", "250000, 250000"})
    void glibcSpeedCodesAndPlainRatesBothDecode(int speedT, int baud) {
        assertThat(LinuxBaudRates.fromSpeedT(speedT)).isEqualTo(baud);
    }
}
