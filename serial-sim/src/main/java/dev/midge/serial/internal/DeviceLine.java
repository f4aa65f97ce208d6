package dev.midge.serial.internal;

import java.io.IOException;

/** The wire from a simulated device to the app: a pseudo-terminal or an in-memory queue. */
public interface DeviceLine {

    /**
     * Delivers bytes to the app.
     *
     * @param data the bytes
     * @throws IOException           if the app does not take them or the line fails
     * @throws IllegalStateException if the device is unplugged or closed
     */
    void write(byte[] data) throws IOException;

    /**
     * Names the line in messages.
     *
     * @return e.g. the port's path
     */
    String describe();
}
