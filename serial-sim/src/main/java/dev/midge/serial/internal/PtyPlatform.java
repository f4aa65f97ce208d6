package dev.midge.serial.internal;

import com.sun.jna.Platform;
import java.util.Optional;
import java.util.Set;

/**
 * The operating systems whose pseudo-terminals the simulator knows how to drive, with the constants
 * that differ between them.
 *
 * <p>Linux is limited to the architectures that use the generic {@code termbits.h} and {@code fcntl.h}
 * values; MIPS, SPARC, Alpha and PowerPC number their flags differently.
 */
public enum PtyPlatform {

    /** glibc or musl on the generic Linux ABI. */
    LINUX(0x100, 0x800, 11, TermiosLayout.LINUX),

    /** macOS (Darwin), 64-bit. */
    DARWIN(0x20000, 0x4, 35, TermiosLayout.DARWIN);

    static final int O_RDWR = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_SETFD = 2;
    static final int FD_CLOEXEC = 1;
    static final int EINTR = 4;
    static final int EIO = 5;

    private static final Set<String> GENERIC_LINUX_ARCHS = Set.of("x86", "x86-64", "arm", "aarch64", "riscv64");

    final int noCtty;
    final int nonBlock;
    final int eagain;
    final TermiosLayout termios;

    PtyPlatform(int noCtty, int nonBlock, int eagain, TermiosLayout termios) {
        this.noCtty = noCtty;
        this.nonBlock = nonBlock;
        this.eagain = eagain;
        this.termios = termios;
    }

    /**
     * Returns the platform this JVM runs on, if pseudo-terminals are supported there.
     *
     * @return the platform, or empty when virtual serial ports cannot work here
     */
    public static Optional<PtyPlatform> current() {
        if (Platform.isLinux() && GENERIC_LINUX_ARCHS.contains(Platform.ARCH)) {
            return Optional.of(LINUX);
        }
        if (Platform.isMac() && Platform.is64Bit()) {
            return Optional.of(DARWIN);
        }
        return Optional.empty();
    }

    /**
     * Explains why virtual serial ports do not work on this JVM's platform.
     *
     * @return a sentence naming the platform and the alternative
     */
    public static String unsupportedReason() {
        return "Virtual serial ports need pseudo-terminals, which this library drives on Linux ("
                + String.join(", ", GENERIC_LINUX_ARCHS.stream().sorted().toList()) + ") and 64-bit macOS; this JVM runs on "
                + System.getProperty("os.name") + " (" + System.getProperty("os.arch") + "). "
                + "Windows has no driver-free virtual serial port: test code written against SerialLink with InMemorySerialLink instead.";
    }
}
