package dev.midge.serial.internal;

import com.sun.jna.NativeLong;
import java.io.IOException;

/** A pipe whose only purpose is to end a {@code poll} at once when the port is closed. */
final class WakePipe {

    private final LibC libc;
    private final int readFd;
    private final int writeFd;

    private WakePipe(LibC libc, int readFd, int writeFd) {
        this.libc = libc;
        this.readFd = readFd;
        this.writeFd = writeFd;
    }

    static WakePipe open() throws IOException {
        LibC libc = LibC.get();
        int[] fds = new int[2];
        Errno.check(libc.pipe(fds), "create a pipe");
        try {
            for (int fd : fds) {
                Errno.check(libc.fcntl(fd, PtyPlatform.F_SETFD, PtyPlatform.FD_CLOEXEC), "set close-on-exec");
            }
        } catch (IOException e) {
            libc.close(fds[0]);
            libc.close(fds[1]);
            throw e;
        }
        return new WakePipe(libc, fds[0], fds[1]);
    }

    int readFd() {
        return readFd;
    }

    void signal() {
        libc.write(writeFd, new byte[] {1}, new NativeLong(1));
    }

    void close() {
        libc.close(readFd);
        libc.close(writeFd);
    }
}
