package dev.midge.broker.cli;

import dev.midge.broker.Broker;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code --check}: connects one MQTT 3.1.1 client to the freshly started broker over a plain socket and reads its
 * CONNACK. It tells whether the broker works on this machine, and the build runs it to record which classes a
 * broker loads into a class-data archive that later starts load faster.
 */
final class SelfCheck {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final byte[] CLIENT_ID = "midge-check".getBytes(StandardCharsets.US_ASCII);
    private static final int CONNACK = 0x20;
    private static final int DISCONNECT = 0xE0;

    private SelfCheck() {
    }

    /**
     * @return the CONNACK return code
     * @throws IOException when the broker cannot be reached or answers with something other than CONNACK
     */
    static int connect(Broker broker) throws IOException {
        URI uri = broker.uri();
        InetAddress address = InetAddress.getByName(uri.getHost());
        if (address.isAnyLocalAddress()) {
            address = InetAddress.getLoopbackAddress();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, uri.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(connectPacket());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            if (type != CONNACK || length != 2) {
                throw new IOException("expected CONNACK, got packet type " + (type >> 4));
            }
            in.readUnsignedByte();
            int code = in.readUnsignedByte();
            out.write(new byte[] {(byte) DISCONNECT, 0});
            out.flush();
            return code;
        }
    }

    private static byte[] connectPacket() {
        byte[] variableHeader = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0};
        int remaining = variableHeader.length + 2 + CLIENT_ID.length;
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x10;
        packet[1] = (byte) remaining;
        System.arraycopy(variableHeader, 0, packet, 2, variableHeader.length);
        packet[2 + variableHeader.length] = 0;
        packet[3 + variableHeader.length] = (byte) CLIENT_ID.length;
        System.arraycopy(CLIENT_ID, 0, packet, 4 + variableHeader.length, CLIENT_ID.length);
        return packet;
    }
}
