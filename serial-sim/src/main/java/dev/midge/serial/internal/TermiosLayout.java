package dev.midge.serial.internal;

import com.sun.jna.Pointer;
import dev.midge.serial.LineSettings;
import dev.midge.serial.LineSettings.Parity;
import dev.midge.serial.LineSettings.StopBits;
import java.io.IOException;

/**
 * Where {@code struct termios} keeps its flags, and what the flag bits mean, per C library.
 *
 * <p>The struct is never mapped field by field: libc fills an opaque buffer and only the two flag words
 * are read from it. glibc: four 4-byte {@code tcflag_t} words ({@code c_iflag} at 0, {@code c_cflag}
 * at 8), 60 bytes in all, speed encoded as a {@code B*} code. macOS: four 8-byte {@code tcflag_t}
 * words ({@code c_cflag} at 16), {@code c_cc[20]}, then 8-byte {@code c_ispeed} at 56 and
 * {@code c_ospeed} at 64 holding plain numbers, 72 bytes in all.
 */
public enum TermiosLayout {

    /** glibc/musl with the generic Linux {@code termbits.h}. */
    LINUX(4, 8, 0x30, 0x10, 0x20, 0x40, 0x100, 0x200) {
        @Override
        int baudRate(LibC libc, int fd, Pointer termios) throws IOException {
            return LinuxBaudRates.read(libc, fd, termios);
        }
    },

    /** Darwin. */
    DARWIN(8, 16, 0x300, 0x100, 0x200, 0x400, 0x1000, 0x2000) {
        @Override
        int baudRate(LibC libc, int fd, Pointer termios) throws IOException {
            return Math.toIntExact(termios.getLong(64));
        }
    };

    /** Large enough for every layout, so libc never writes past the buffer. */
    static final int BUFFER_SIZE = 256;

    /**
     * Mark/space parity. macOS has no such flag, but jSerialComm defines it with Linux's value and sets it
     * there too.
     */
    static final long CMSPAR = 0x40000000L;
    static final long INPCK = 0x10;
    static final long ISTRIP = 0x20;

    private final int flagSize;
    private final int cflagOffset;
    private final long csize;
    private final long cs6;
    private final long cs7;
    private final long cstopb;
    private final long parenb;
    private final long parodd;

    TermiosLayout(int flagSize, int cflagOffset, long csize, long cs6, long cs7, long cstopb, long parenb, long parodd) {
        this.flagSize = flagSize;
        this.cflagOffset = cflagOffset;
        this.csize = csize;
        this.cs6 = cs6;
        this.cs7 = cs7;
        this.cstopb = cstopb;
        this.parenb = parenb;
        this.parodd = parodd;
    }

    abstract int baudRate(LibC libc, int fd, Pointer termios) throws IOException;

    /**
     * Reads the line settings from a termios buffer filled by {@code tcgetattr}.
     *
     * @param libc    the binding
     * @param fd      the descriptor the buffer was read from
     * @param termios the filled buffer
     * @return the decoded settings
     * @throws IOException if a custom baud rate cannot be read
     */
    LineSettings read(LibC libc, int fd, Pointer termios) throws IOException {
        return decode(flag(termios, 0), flag(termios, cflagOffset), baudRate(libc, fd, termios));
    }

    private long flag(Pointer termios, int offset) {
        return flagSize == 4 ? Integer.toUnsignedLong(termios.getInt(offset)) : termios.getLong(offset);
    }

    /**
     * Turns the flag words into settings.
     *
     * <p>A Linux pseudo-terminal forces {@code CS8} and clears {@code PARENB} whatever the app asks for
     * (the kernel's {@code pty_set_termios}). Two input flags that jSerialComm sets alongside survive and
     * are used instead: {@code ISTRIP} (set for fewer than 8 data bits, reported as 7) and {@code INPCK}
     * (set whenever parity is on).
     *
     * @param iflag {@code c_iflag}
     * @param cflag {@code c_cflag}
     * @param baud  the decoded output speed
     * @return the settings
     */
    public LineSettings decode(long iflag, long cflag, int baud) {
        return new LineSettings(baud, dataBits(iflag, cflag), parity(iflag, cflag),
                (cflag & cstopb) != 0 ? StopBits.TWO : StopBits.ONE);
    }

    private int dataBits(long iflag, long cflag) {
        long size = cflag & csize;
        if (size == csize) {
            return (iflag & ISTRIP) != 0 ? 7 : 8;
        }
        if (size == cs7) {
            return 7;
        }
        return size == cs6 ? 6 : 5;
    }

    private Parity parity(long iflag, long cflag) {
        if ((cflag & CMSPAR) != 0) {
            return (cflag & parodd) != 0 ? Parity.MARK : Parity.SPACE;
        }
        if ((cflag & parodd) != 0) {
            return Parity.ODD;
        }
        return (cflag & parenb) != 0 || (iflag & INPCK) != 0 ? Parity.EVEN : Parity.NONE;
    }
}
