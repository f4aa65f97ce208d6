package dev.midge.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal MQTT 3.1.1 client on a plain socket, so that measuring a broker measures the broker and not a client
 * library: CONNECT, SUBSCRIBE, pipelined QoS 0 PUBLISH, counting received PUBLISH packets, and a QoS 1 round trip.
 */
final class RawMqtt implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawMqtt(int port, String clientId) throws IOException {
        this(port, clientId, true);
    }

    /**
     * @param cleanSession false for a session that outlives the connection
     */
    RawMqtt(int port, String clientId, boolean cleanSession) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        // Keep-alive 0: a subscriber that only receives, as in a long LowRateLatency run, sends nothing for minutes.
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) (cleanSession ? 2 : 0), 0, 0};
        packet(0x10, variable, lengthPrefixed(id));
        out.flush();
        readPacket(0x20);
    }

    void subscribe(String filter) throws IOException {
        subscribe(filter, 0);
    }

    void subscribe(String filter, int qos) throws IOException {
        packet(0x82, new byte[] {0, 1}, lengthPrefixed(filter.getBytes(StandardCharsets.UTF_8)),
                new byte[] {(byte) qos});
        out.flush();
        readPacket(0x90);
    }

    /**
     * Publishes one QoS 1 message to a topic this client subscribes to at QoS 1, and returns once both its PUBACK and
     * the message itself have arrived; acknowledges the message.
     */
    void qos1RoundTrip(String topic, byte[] payload, int packetId) throws IOException {
        byte[] name = lengthPrefixed(topic.getBytes(StandardCharsets.UTF_8));
        packet(0x32, name, new byte[] {(byte) (packetId >> 8), (byte) packetId}, payload);
        out.flush();
        boolean acknowledged = false;
        boolean delivered = false;
        while (!acknowledged || !delivered) {
            int header = in.readUnsignedByte();
            int length = remainingLength();
            byte[] body = in.readNBytes(length);
            if ((header & 0xF0) == 0x40) {
                acknowledged = true;
            } else if ((header & 0xF0) == 0x30) {
                delivered = true;
                int idAt = 2 + ((body[0] & 0xFF) << 8 | body[1] & 0xFF);
                packet(0x40, new byte[] {body[idAt], body[idAt + 1]});
                out.flush();
            }
        }
    }

    void publish(String topic, byte[] payload, int count) throws IOException {
        byte[] name = lengthPrefixed(topic.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            packet(0x30, name, payload);
        }
        out.flush();
    }

    /**
     * Pipelines {@code count} QoS 1 PUBLISH packets, packet identifiers cycling through 1 to 65535; the caller reads
     * the PUBACKs with {@link #awaitPubacks} on another thread.
     */
    void publishQos1(String topic, byte[] payload, int count) throws IOException {
        byte[] name = lengthPrefixed(topic.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            int id = i % 65535 + 1;
            packet(0x32, name, new byte[] {(byte) (id >> 8), (byte) id}, payload);
        }
        out.flush();
    }

    /** Pipelines {@code count} retained QoS 0 messages, one to each of the topics {@code prefix0} and on. */
    void publishRetained(String prefix, byte[] payload, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            packet(0x31, lengthPrefixed((prefix + i).getBytes(StandardCharsets.UTF_8)), payload);
        }
        out.flush();
    }

    /** Sends PINGREQ and waits for the PINGRESP: everything sent before has been handled. */
    void ping() throws IOException {
        packet(0xC0);
        out.flush();
        readPacket(0xD0);
    }

    /** Reads PUBACK packets until {@code count} have arrived. */
    void awaitPubacks(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            readPacket(0x40);
        }
    }

    /**
     * Reads QoS 1 PUBLISH packets until {@code count} have arrived, acknowledging each; the PUBACKs leave whenever
     * nothing more is waiting to be read.
     */
    void receiveQos1(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            byte[] body = receivePublish();
            int idAt = 2 + ((body[0] & 0xFF) << 8 | body[1] & 0xFF);
            packet(0x40, new byte[] {body[idAt], body[idAt + 1]});
            if (in.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    /** Reads PUBLISH packets until {@code count} have arrived. */
    void receive(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            readPacket(0x30);
        }
    }

    /** @return the variable header and payload of the next packet, which must be a PUBLISH */
    byte[] receivePublish() throws IOException {
        int header = in.readUnsignedByte();
        byte[] body = in.readNBytes(remainingLength());
        if ((header & 0xF0) != 0x30) {
            throw new IOException("expected a PUBLISH, got packet type " + (header >> 4));
        }
        return body;
    }

    private void readPacket(int expectedType) throws IOException {
        int header = in.readUnsignedByte();
        in.skipNBytes(remainingLength());
        if ((header & 0xF0) != expectedType) {
            throw new IOException("expected packet type " + (expectedType >> 4) + ", got " + (header >> 4));
        }
    }

    private int remainingLength() throws IOException {
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        return length;
    }

    private void packet(int header, byte[]... parts) throws IOException {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        out.write(header);
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    private static byte[] lengthPrefixed(byte[] bytes) {
        byte[] prefixed = new byte[bytes.length + 2];
        prefixed[0] = (byte) (bytes.length >> 8);
        prefixed[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, prefixed, 2, bytes.length);
        return prefixed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
