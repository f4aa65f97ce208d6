package dev.midge.serial.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * Turns glibc's {@code speed_t} into bits per second.
 *
 * <p>glibc before 2.42 returns {@code B*} codes from {@code cfgetospeed}; later versions return the
 * number itself, which the table lets through unchanged. A custom rate (jSerialComm uses one for
 * anything without a {@code B*} constant, e.g. 250000) shows as {@code BOTHER}; the exact number is
 * then read from the kernel's {@code struct termios2}.
 */
final class LinuxBaudRates {

    private static final int BOTHER = 0x1000;
    private static final long TCGETS2 = 0x802C542AL;
    private static final int TERMIOS2_OSPEED_OFFSET = 40;
    private static final int[] LOW_CODES = {0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400};
    private static final int[] HIGH_CODES = {57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000,
            1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000};

    private LinuxBaudRates() {
    }

    static int read(LibC libc, int fd, Pointer termios) throws IOException {
        int speed = libc.cfgetospeed(termios);
        if (speed == BOTHER) {
            return termios2Speed(libc, fd);
        }
        return fromSpeedT(speed);
    }

    /**
     * Decodes a {@code speed_t}.
     *
     * @param speed a {@code B*} code or, from glibc 2.42 on, the rate itself
     * @return bits per second
     */
    static int fromSpeedT(int speed) {
        if (speed >= 0 && speed < LOW_CODES.length) {
            return LOW_CODES[speed];
        }
        if (speed > BOTHER && speed <= BOTHER + HIGH_CODES.length) {
            return HIGH_CODES[speed - BOTHER - 1];
        }
        return speed;
    }

    private static int termios2Speed(LibC libc, int fd) throws IOException {
        try (Memory termios2 = new Memory(TermiosLayout.BUFFER_SIZE)) {
            termios2.clear();
            Errno.check(libc.ioctl(fd, new NativeLong(TCGETS2), termios2), "read the custom baud rate (TCGETS2)");
            return termios2.getInt(TERMIOS2_OSPEED_OFFSET);
        }
    }
}
