package dev.midge.broker.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client written frame by frame over a plain socket, so tests see exactly which frames the broker sends
 * (an extra empty frame, a second Close) and can offer any subprotocol at the handshake.
 */
public final class RawWebSocket implements AutoCloseable {

    /** A Close frame's opcode. */
    public static final int CLOSE = 0x8;
    /** A binary frame's opcode. */
    public static final int BINARY = 0x2;

    private static final int MASK = 0x80;
    private static final int FIN = 0x80;

    /**
     * One frame as the broker sent it.
     *
     * @param opcode  the frame's opcode, e.g. {@link #CLOSE}
     * @param payload its payload
     */
    public record Frame(int opcode, byte[] payload) {
        /** @return the status code of a Close frame, or -1 when it carries none */
        public int closeStatus() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        @Override
        public String toString() {
            return "Frame[opcode=" + opcode + ", " + payload.length + " bytes]";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String handshakeResponse;

    private RawWebSocket(Socket socket, String handshakeResponse, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handshakeResponse = handshakeResponse;
    }

    /**
     * Opens a connection and sends the HTTP upgrade for {@code /mqtt}.
     *
     * @param port        the broker's WebSocket port
     * @param subprotocol the value of {@code Sec-WebSocket-Protocol}, or null to offer none
     * @return the client, the broker's HTTP response read (whatever it was)
     */
    public static RawWebSocket open(int port, String subprotocol) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) RawMqttClient.READ_TIMEOUT.toMillis());
            String request = "GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            return new RawWebSocket(socket, readHead(in), in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a WebSocket to port " + port, e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** @return the broker's HTTP response to the upgrade: status line and headers */
    public String handshakeResponse() {
        return handshakeResponse;
    }

    /** Sends bytes in one masked binary frame. */
    public void sendBinary(byte[] payload) {
        sendFrame(BINARY, payload);
    }

    /** Sends a Close frame with a status code. */
    public void sendClose(int status) {
        sendFrame(CLOSE, new byte[]{(byte) (status >> 8), (byte) status});
    }

    private void sendFrame(int opcode, byte[] payload) {
        sendRaw(frame(opcode, payload));
    }

    /**
     * @param opcode  the frame's opcode
     * @param payload its payload, below 64 KiB
     * @return a final, masked frame as a client sends it
     */
    public static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(FIN | opcode);
        if (payload.length < 126) {
            frame.write(MASK | payload.length);
        } else if (payload.length < 65536) {
            frame.write(MASK | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(MASK | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        frame.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Sends bytes as they are: frames, broken frames, anything. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send to the broker", e);
        }
    }

    /** Ends the client's side of the TCP connection; the broker's side stays readable. */
    public void endOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot end the output", e);
        }
    }

    /**
     * Reads the next frame.
     *
     * @throws AssertionError when none arrives in time or the connection ends
     */
    public Frame read() {
        try {
            Frame frame = readFrame();
            if (frame == null) {
                throw new AssertionError("The broker closed the connection instead of sending a frame");
            }
            return frame;
        } catch (IOException e) {
            throw new AssertionError("No frame from the broker: " + e, e);
        }
    }

    /**
     * Reads frames until the broker closes the TCP connection.
     *
     * @param timeout how long the broker may take
     * @return every frame that arrived before the end
     */
    public List<Frame> awaitClosed(Duration timeout) {
        List<Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                Frame frame = readFrame();
                if (frame == null) {
                    return frames;
                }
                frames.add(frame);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The broker did not close the connection within " + timeout.toMillis()
                    + " ms; received meanwhile: " + frames);
        } catch (IOException e) {
            return frames;
        }
        throw new AssertionError("The broker did not close the connection within " + timeout.toMillis()
                + " ms; received meanwhile: " + frames);
    }

    private Frame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = readByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = new byte[(int) length];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) readByte();
        }
        return new Frame(first & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("The connection ended inside a frame");
        }
        return b;
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
