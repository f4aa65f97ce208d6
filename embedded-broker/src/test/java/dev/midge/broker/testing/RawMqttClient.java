package dev.midge.broker.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that speaks MQTT byte by byte over a plain socket: it sends whatever bytes a test gives it and reads
 * whole packets back with a deadline. For protocol flows no library client would produce.
 */
public final class RawMqttClient implements AutoCloseable {

    /** How long a read waits for a packet the broker is expected to send. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * @param port a port on the loopback address
     * @return a client with an open TCP connection and nothing sent yet
     */
    public static RawMqttClient open(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            // Each send is its own segment, as a test that cuts packets into pieces means them to arrive.
            socket.setTcpNoDelay(true);
            return new RawMqttClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to port " + port, e);
        }
    }

    /**
     * Opens a connection, sends the CONNECT and checks that the broker accepts it.
     *
     * @param port    the broker's port
     * @param connect the CONNECT to send
     * @return the connected client, CONNACK already read
     */
    public static RawMqttClient connect(int port, ConnectPacket connect) {
        RawMqttClient client = open(port);
        client.send(connect.build());
        Packet connack = client.expect(Packet.CONNACK);
        if (connack.connackCode() != 0) {
            client.close();
            throw new AssertionError("The broker refused the CONNECT with return code " + connack.connackCode());
        }
        return client;
    }

    /**
     * Writes bytes to the socket in one write.
     *
     * @param bytes one or more packets, or any bytes at all
     */
    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send to the broker", e);
        }
    }

    /**
     * Sends PINGREQ and reads the PINGRESP, proving the connection is open and everything sent before was handled.
     */
    public void ping() {
        send(MqttPackets.pingreq());
        expect(Packet.PINGRESP);
    }

    /**
     * Reads the next packet, waiting up to {@link #READ_TIMEOUT}.
     *
     * @return the packet
     * @throws AssertionError when none arrives in time or the broker closes the connection
     */
    public Packet read() {
        try {
            Packet packet = readPacket(deadline(READ_TIMEOUT));
            if (packet == null) {
                throw new AssertionError("The broker closed the connection instead of sending a packet");
            }
            return packet;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No packet from the broker within " + READ_TIMEOUT.toMillis() + " ms");
        } catch (IOException e) {
            throw new AssertionError("Reading from the broker failed: " + e, e);
        }
    }

    /**
     * Reads the next packet and checks its type.
     *
     * @param type the expected type, e.g. {@link Packet#SUBACK}
     * @return the packet
     */
    public Packet expect(int type) {
        Packet packet = read();
        if (packet.type() != type) {
            throw new AssertionError("Expected packet type " + type + " but got " + packet);
        }
        return packet;
    }

    /**
     * Reads packets until the broker closes the connection.
     *
     * @param timeout how long the broker may take to close it
     * @return the packets that arrived before the end of the stream
     * @throws AssertionError when the connection is still open after the timeout
     */
    public List<Packet> awaitClosed(Duration timeout) {
        long deadline = deadline(timeout);
        List<Packet> received = new ArrayList<>();
        try {
            while (true) {
                Packet packet = readPacket(deadline);
                if (packet == null) {
                    return received;
                }
                received.add(packet);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The broker did not close the connection within " + timeout.toMillis()
                    + " ms; received meanwhile: " + received);
        } catch (EOFException e) {
            return received;
        } catch (IOException e) {
            // A reset is how some closes reach the client: the connection is just as closed.
            return received;
        }
    }

    /**
     * Reads packets until the broker ends the connection in order, with the end of the stream (TCP FIN), as a
     * graceful close does.
     *
     * @param timeout how long the broker may take to end it
     * @return the packets that arrived before the end of the stream
     * @throws AssertionError when the connection is reset instead, or still open after the timeout
     */
    public List<Packet> awaitEndOfStream(Duration timeout) {
        long deadline = deadline(timeout);
        List<Packet> received = new ArrayList<>();
        try {
            for (Packet packet = readPacket(deadline); packet != null; packet = readPacket(deadline)) {
                received.add(packet);
            }
            return received;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The broker did not end the connection within " + timeout.toMillis()
                    + " ms; received meanwhile: " + received);
        } catch (IOException e) {
            throw new AssertionError("The connection ended with " + e + " instead of an end of stream; received "
                    + "before: " + received, e);
        }
    }

    /**
     * Waits up to a timeout for the broker to close a connection on which no packet is expected.
     *
     * @return true when the connection ended, false when it is still open after the timeout
     * @throws AssertionError when a packet arrives instead
     */
    public boolean isClosedWithin(Duration timeout) {
        try {
            Packet packet = readPacket(deadline(timeout));
            if (packet != null) {
                throw new AssertionError("Expected no packet but got " + packet);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private Packet readPacket(long deadline) throws IOException {
        int first = readByte(deadline, true);
        if (first < 0) {
            return null;
        }
        int remaining = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = readByte(deadline, false);
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        ByteArrayOutputStream body = new ByteArrayOutputStream(remaining);
        for (int i = 0; i < remaining; i++) {
            body.write(readByte(deadline, false));
        }
        return new Packet(first >> 4, first & 0x0F, body.toByteArray());
    }

    private int readByte(long deadline, boolean endAllowed) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int b = in.read();
        if (b < 0 && !endAllowed) {
            throw new EOFException("The connection ended inside a packet");
        }
        return b;
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Closes the socket abruptly, without DISCONNECT.
     */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
