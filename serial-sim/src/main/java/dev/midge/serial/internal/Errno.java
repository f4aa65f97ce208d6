package dev.midge.serial.internal;

import com.sun.jna.Native;
import java.io.IOException;

/** Turns a failed libc call into an exception that names the call and the error. */
final class Errno {

    private Errno() {
    }

    static int check(int result, String action) throws IOException {
        if (result == -1) {
            throw failure(action, Native.getLastError());
        }
        return result;
    }

    static IOException failure(String action, int errno) {
        return new IOException("cannot " + action + ": " + LibC.get().strerror(errno) + " (errno " + errno + ")");
    }
}
