package dev.midge.serial.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc functions a pseudo-terminal needs, bound through JNA.
 *
 * <p>Return codes are checked by the callers and {@code errno} is read with
 * {@link Native#getLastError()}: declaring {@code LastErrorException} would make JNA throw whenever a
 * successful call happens to leave {@code errno} set. {@code size_t} maps to {@link NativeLong} so the
 * binding stays correct on 32-bit ARM. Variadic functions are declared with {@code Object...} so JNA
 * passes their variable part the way the platform ABI expects (on Apple silicon it differs from fixed
 * arguments).
 */
public interface LibC extends Library {

    /** Loaded on first use only, so merely touching the public API on Windows loads no native code. */
    final class Holder {
        static final LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        private Holder() {
        }
    }

    /**
     * Returns the bound library, loading it on first call.
     *
     * @return the libc binding
     */
    static LibC get() {
        return Holder.INSTANCE;
    }

    /** Opens a new pseudo-terminal master. */
    int posix_openpt(int flags);

    /** Sets ownership and mode of the slave that belongs to a master. */
    int grantpt(int fd);

    /** Unlocks the slave so it can be opened. */
    int unlockpt(int fd);

    /** Writes the slave's path, zero-terminated, into {@code buffer}. */
    int ptsname_r(int fd, byte[] buffer, NativeLong size);

    /** Opens a path; the optional third argument is the creation mode. */
    int open(String path, int flags, Object... mode);

    /** Closes a descriptor. */
    int close(int fd);

    /** Reads up to {@code count} bytes. */
    NativeLong read(int fd, byte[] buffer, NativeLong count);

    /** Writes up to {@code count} bytes. */
    NativeLong write(int fd, byte[] buffer, NativeLong count);

    /** Waits for events on an array of {@code struct pollfd}. */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);

    /** Creates a pipe: {@code fds[0]} reads, {@code fds[1]} writes. */
    int pipe(int[] fds);

    /** Descriptor control; only integer arguments are used here. */
    int fcntl(int fd, int command, Object... argument);

    /** Linux-only use: reads {@code struct termios2} for the exact custom baud rate. */
    int ioctl(int fd, NativeLong request, Object... argument);

    /** Reads the terminal attributes into an opaque buffer. */
    int tcgetattr(int fd, Pointer termios);

    /** Applies terminal attributes from an opaque buffer. */
    int tcsetattr(int fd, int when, Pointer termios);

    /** Turns an opaque termios buffer into raw mode. */
    void cfmakeraw(Pointer termios);

    /** Linux-only use: glibc returns {@code speed_t}, an unsigned int holding a {@code B*} code. */
    int cfgetospeed(Pointer termios);

    /** Describes an error number. */
    String strerror(int errno);
}
