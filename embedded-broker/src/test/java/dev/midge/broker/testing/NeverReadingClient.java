package dev.midge.broker.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A client that connects, sends, and never reads a byte: the attacker, or the client stuck in a debugger, that a
 * broker must not let fill its memory. Its receive buffer is small, so the broker's answers pile up on the broker's
 * side quickly.
 */
public final class NeverReadingClient implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 4096;

    private final Socket socket;
    private final OutputStream out;
    private final AtomicLong sent = new AtomicLong();

    private NeverReadingClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /**
     * Opens a connection and sends a CONNECT; the CONNACK is never read.
     *
     * @param port    the broker's port on the loopback address
     * @param connect the CONNECT to send
     * @return the client
     */
    public static NeverReadingClient connect(int port, byte[] connect) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            NeverReadingClient client = new NeverReadingClient(socket);
            client.out.write(connect);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to port " + port, e);
        }
    }

    /**
     * Sends the same bytes again and again from another thread, until the broker stops taking them and ends the
     * connection, or the byte or time limit is reached. The limits are checked between writes: a write the broker
     * does not read blocks until the broker reads or the socket is closed.
     *
     * @param packets  one or more whole packets, sent together
     * @param maxBytes stop after sending this many bytes
     * @param maxTime  stop after this long
     * @return completes normally when a limit was reached, exceptionally when the broker ended the connection
     */
    public CompletableFuture<Void> flood(byte[] packets, long maxBytes, Duration maxTime) {
        return flood(round -> packets, maxBytes, maxTime);
    }

    /**
     * Like {@link #flood(byte[], long, Duration)}, with different packets in each round.
     *
     * @param packets  the packets of each round, from its number, counting from 0
     * @param maxBytes stop after sending this many bytes
     * @param maxTime  stop after this long
     * @return completes normally when a limit was reached, exceptionally when the broker ended the connection
     */
    public CompletableFuture<Void> flood(IntFunction<byte[]> packets, long maxBytes, Duration maxTime) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + maxTime.toNanos();
            try {
                for (int round = 0; sent.get() < maxBytes && System.nanoTime() - deadline < 0; round++) {
                    byte[] bytes = packets.apply(round);
                    out.write(bytes);
                    sent.addAndGet(bytes.length);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread writer = new Thread(task, "never-reading-client");
            writer.setDaemon(true);
            writer.start();
        });
    }

    /**
     * Sends bytes once, from the calling thread.
     *
     * @param bytes one or more packets
     */
    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            sent.addAndGet(bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send to the broker", e);
        }
    }

    /** @return the bytes written so far */
    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
