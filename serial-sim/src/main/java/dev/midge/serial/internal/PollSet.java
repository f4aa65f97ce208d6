package dev.midge.serial.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;

/** A fixed array of {@code struct pollfd {int fd; short events; short revents;}}, the same on Linux and macOS. */
final class PollSet {

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    private static final int ENTRY_SIZE = 8;

    private final LibC libc;
    private final Memory entries;
    private final int count;

    PollSet(LibC libc, int count) {
        this.libc = libc;
        this.count = count;
        this.entries = new Memory((long) ENTRY_SIZE * count);
        entries.clear();
    }

    PollSet watch(int index, int fd, short events) {
        entries.setInt((long) index * ENTRY_SIZE, fd);
        entries.setShort((long) index * ENTRY_SIZE + 4, events);
        return this;
    }

    /**
     * Waits for any watched event.
     *
     * @param timeoutMillis how long to wait at most
     * @return true if an event arrived, false on timeout or signal
     */
    boolean await(int timeoutMillis) throws IOException {
        for (int i = 0; i < count; i++) {
            entries.setShort((long) i * ENTRY_SIZE + 6, (short) 0);
        }
        int ready = libc.poll(entries, new NativeLong(count), timeoutMillis);
        if (ready == -1) {
            int errno = Native.getLastError();
            if (errno == PtyPlatform.EINTR) {
                return false;
            }
            throw Errno.failure("poll", errno);
        }
        return ready > 0;
    }

    short revents(int index) {
        return entries.getShort((long) index * ENTRY_SIZE + 6);
    }

    boolean has(int index, short event) {
        return (revents(index) & event) != 0;
    }
}
