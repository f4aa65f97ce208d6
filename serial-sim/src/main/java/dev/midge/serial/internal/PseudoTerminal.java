package dev.midge.serial.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.midge.serial.LineSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A pseudo-terminal pair: this object holds the master, the app opens {@link #slavePath()}.
 *
 * <p>The pair is created raw, because otherwise the slave's line discipline echoes what the device sends
 * back to the device until the app opens the port. The slave is opened and closed once at creation: the
 * master reports {@code POLLHUP} only after a first slave close, so from then on {@code POLLHUP} means
 * exactly "no app holds the port". The master is non-blocking so a device write can give up when the app
 * stops reading, and close-on-exec so child processes never keep the pair alive.
 */
public final class PseudoTerminal implements AutoCloseable {

    private static final int NAME_SIZE = 128;
    private static final int TCSANOW = 0;
    private static final long FULL_BUFFER_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LibC libc;
    private final PtyPlatform platform;
    private final int master;
    private final String slavePath;
    private boolean closed;

    private PseudoTerminal(LibC libc, PtyPlatform platform, int master, String slavePath) {
        this.libc = libc;
        this.platform = platform;
        this.master = master;
        this.slavePath = slavePath;
    }

    /**
     * Creates a raw pseudo-terminal pair.
     *
     * @param platform the running platform
     * @return the pair, with nobody holding the slave
     * @throws IOException if libc refuses any step; nothing stays open then
     */
    public static PseudoTerminal open(PtyPlatform platform) throws IOException {
        LibC libc = LibC.get();
        int master = Errno.check(libc.posix_openpt(PtyPlatform.O_RDWR | platform.noCtty), "open a pseudo-terminal master");
        try {
            Errno.check(libc.fcntl(master, PtyPlatform.F_SETFD, PtyPlatform.FD_CLOEXEC), "set close-on-exec");
            Errno.check(libc.grantpt(master), "grant the pseudo-terminal slave");
            Errno.check(libc.unlockpt(master), "unlock the pseudo-terminal slave");
            String slavePath = slaveName(libc, master);
            touch(libc, slavePath, platform);
            makeRaw(libc, master);
            int flags = Errno.check(libc.fcntl(master, PtyPlatform.F_GETFL), "read the master's flags");
            Errno.check(libc.fcntl(master, PtyPlatform.F_SETFL, flags | platform.nonBlock), "make the master non-blocking");
            return new PseudoTerminal(libc, platform, master, slavePath);
        } catch (IOException | RuntimeException e) {
            libc.close(master);
            throw e;
        }
    }

    private static String slaveName(LibC libc, int master) throws IOException {
        byte[] name = new byte[NAME_SIZE];
        int result = libc.ptsname_r(master, name, new NativeLong(name.length));
        if (result != 0) {
            throw Errno.failure("name the pseudo-terminal slave", result == -1 ? Native.getLastError() : result);
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    private static void touch(LibC libc, String slavePath, PtyPlatform platform) throws IOException {
        int slave = Errno.check(libc.open(slavePath, PtyPlatform.O_RDWR | platform.noCtty), "open " + slavePath);
        libc.close(slave);
    }

    private static void makeRaw(LibC libc, int master) throws IOException {
        try (Memory termios = new Memory(TermiosLayout.BUFFER_SIZE)) {
            termios.clear();
            Errno.check(libc.tcgetattr(master, termios), "read the terminal attributes");
            libc.cfmakeraw(termios);
            Errno.check(libc.tcsetattr(master, TCSANOW, termios), "make the terminal raw");
        }
    }

    /**
     * Returns the path the app opens.
     *
     * @return e.g. {@code /dev/pts/7} on Linux, {@code /dev/ttys012} on macOS
     */
    public String slavePath() {
        return slavePath;
    }

    int fd() {
        return master;
    }

    /**
     * Reads what the app wrote.
     *
     * @param buffer where to put the bytes
     * @return the count read, 0 if nothing is waiting, -1 if no app holds the slave
     * @throws IOException on any other error
     */
    int read(byte[] buffer) throws IOException {
        long count = libc.read(master, buffer, new NativeLong(buffer.length)).longValue();
        if (count >= 0) {
            return (int) count;
        }
        int errno = Native.getLastError();
        if (errno == PtyPlatform.EIO) {
            return -1;
        }
        if (errno == platform.eagain || errno == PtyPlatform.EINTR) {
            return 0;
        }
        throw Errno.failure("read from " + slavePath, errno);
    }

    /**
     * Writes all bytes towards the app, waiting while the app's input buffer is full.
     *
     * @param data    the bytes
     * @param timeout how long the app may leave its buffer full
     * @throws IOException if the buffer stays full for the whole timeout, the thread is interrupted, or on any error
     */
    public void write(byte[] data, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] remaining = data;
        while (remaining.length > 0) {
            long written = libc.write(master, remaining, new NativeLong(remaining.length)).longValue();
            if (written > 0) {
                remaining = Arrays.copyOfRange(remaining, (int) written, remaining.length);
                continue;
            }
            int errno = Native.getLastError();
            if (written == 0 || errno == platform.eagain || errno == PtyPlatform.EINTR) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("the app left " + slavePath + " unread for " + timeout.toMillis()
                            + " ms; " + remaining.length + " bytes were not delivered");
                }
                LockSupport.parkNanos(FULL_BUFFER_BACKOFF_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while the app left " + slavePath + " unread");
                }
                continue;
            }
            throw Errno.failure("write to " + slavePath, errno);
        }
    }

    /**
     * Reads the line settings the app applied to the slave.
     *
     * @return the decoded settings, see {@link TermiosLayout#decode(long, long, int)}
     * @throws IOException if the attributes cannot be read
     */
    public LineSettings lineSettings() throws IOException {
        try (Memory termios = new Memory(TermiosLayout.BUFFER_SIZE)) {
            termios.clear();
            Errno.check(libc.tcgetattr(master, termios), "read the terminal attributes");
            return platform.termios.read(libc, master, termios);
        }
    }

    /** Closes the master: the slave disappears and an app holding it sees a hang-up. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(master);
        }
    }
}
