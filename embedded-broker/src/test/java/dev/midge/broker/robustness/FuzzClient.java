package dev.midge.broker.robustness;

import dev.midge.broker.testing.RawWebSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Delivers one fuzz case to the broker and waits for the broker to close the connection once the client has ended
 * its side: over TCP in two writes split at a random point, or over WebSocket in binary frames split at random
 * points, now and then with a bit of the framing itself flipped.
 */
final class FuzzClient {

    /** How long the broker may take to close a connection whose client has ended its side. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private FuzzClient() {
    }

    /**
     * @return null when the broker closed the connection, otherwise what went wrong
     */
    static String overTcp(int port, byte[] bytes, SplittableRandom random) {
        int split = random.nextInt(bytes.length + 1);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) CLOSE_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(bytes, 0, split);
            out.flush();
            out.write(bytes, split, bytes.length - split);
            out.flush();
            socket.shutdownOutput();
            return awaitEnd(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return "the broker kept the connection open " + CLOSE_TIMEOUT.toMillis()
                    + " ms after the client ended its side";
        } catch (IOException closedUnderfoot) {
            // A broker that closes first may turn the client's later writes or reads into a reset.
            return null;
        }
    }

    /**
     * @return null when the broker closed the connection, otherwise what went wrong
     */
    static String overWebSocket(int port, byte[] bytes, SplittableRandom random) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int length = 1 + random.nextInt(bytes.length - at);
            byte[] chunk = new byte[length];
            System.arraycopy(bytes, at, chunk, 0, length);
            frames.writeBytes(RawWebSocket.frame(RawWebSocket.BINARY, chunk));
            at += length;
        }
        byte[] wire = frames.toByteArray();
        if (wire.length > 0 && random.nextInt(4) == 0) {
            wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8));
        }
        try (RawWebSocket socket = RawWebSocket.open(port, "mqtt")) {
            if (!socket.handshakeResponse().startsWith("HTTP/1.1 101")) {
                return "the WebSocket handshake failed: " + socket.handshakeResponse();
            }
            socket.sendRaw(wire);
            socket.endOutput();
            socket.awaitClosed(CLOSE_TIMEOUT);
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        } catch (UncheckedIOException closedUnderfoot) {
            return null;
        }
    }

    private static String awaitEnd(InputStream in) throws IOException {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            if (System.nanoTime() - deadline > 0) {
                return "the broker kept sending for " + CLOSE_TIMEOUT.toMillis() + " ms";
            }
        }
        return null;
    }
}
