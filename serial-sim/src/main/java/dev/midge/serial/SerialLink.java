package dev.midge.serial;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open serial connection as an app sees it: two byte streams. Apps that reach their serial port through
 * this interface can be tested on every platform with {@link InMemorySerialLink}, and run for real with
 * {@link JSerialCommLink} (which, pointed at a {@link VirtualSerialPort}, is pseudo-terminal backed).
 *
 * <p>Contract shared by the implementations: a read waits up to the link's read timeout for the first byte
 * and then returns what has arrived; when nothing arrives in time, {@link InputStream#read()} and
 * {@link InputStream#read(byte[], int, int)} throw {@link java.io.InterruptedIOException} (jSerialComm's
 * {@code SerialPortTimeoutException} is one). After a hang-up reads return -1 and writes throw
 * {@link IOException}.
 */
public interface SerialLink extends Closeable {

    /**
     * Returns the stream of bytes from the device.
     *
     * @return the input, the same object on every call
     */
    InputStream input();

    /**
     * Returns the stream of bytes to the device.
     *
     * @return the output, the same object on every call
     */
    OutputStream output();

    /**
     * Closes the connection.
     *
     * @throws IOException if the port cannot be closed cleanly
     */
    @Override
    void close() throws IOException;
}
