package dev.midge.serial;

import dev.midge.serial.internal.DeviceLine;
import dev.midge.serial.internal.Pacer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the device sends goes out through here: one call's bytes at a time, so that calls from several threads are
 * never interleaved, and at the pace of a real line while throttled.
 */
final class Transmitter {

    private final DeviceLine line;
    private final Object sending = new Object();
    private volatile Pacer pacer;

    Transmitter(DeviceLine line) {
        this.line = line;
    }

    void pace(Pacer newPacer) {
        this.pacer = newPacer;
    }

    void send(byte[] bytes) {
        synchronized (sending) {
            try {
                Pacer currentPacer = pacer;
                if (currentPacer == null) {
                    line.write(bytes);
                    return;
                }
                for (byte b : bytes) {
                    currentPacer.awaitNextByte();
                    line.write(new byte[] {b});
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
