package dev.midge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many MQTT 3.1.1 clients on plain sockets, each connected (clean session, a keep-alive of 10 minutes so no broker
 * drops it during a run) and then silent. Connected one after another, each once its CONNACK has arrived.
 */
final class IdleClients implements AutoCloseable {

    private static final int KEEP_ALIVE_SECONDS = 600;

    /** How one client reaches CONNACK: over TCP ({@link #connect}), or framed as another transport needs. */
    @FunctionalInterface
    interface Connector {
        /** @return the client's socket, its CONNECT accepted */
        Socket connect(int port, String clientId) throws IOException;
    }

    private final List<Socket> sockets = new ArrayList<>();

    /**
     * @param port   the broker's loopback port
     * @param prefix the client identifiers' prefix, followed by each client's number
     * @param count  how many clients to connect
     */
    IdleClients(int port, String prefix, int count) throws IOException {
        this(port, prefix, count, IdleClients::connect);
    }

    /**
     * @param connector how each client connects
     */
    IdleClients(int port, String prefix, int count, Connector connector) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(connector.connect(port, prefix + i));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return a socket connected to the broker over TCP, its CONNECT accepted */
    static Socket connect(int port, String clientId) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(connectPacket(clientId));
            InputStream in = socket.getInputStream();
            byte[] connack = in.readNBytes(4);
            if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
                throw new IOException("client " + clientId + " was not accepted");
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** @return the CONNECT each of these clients sends: MQTT 3.1.1, clean session, a keep-alive of 10 minutes */
    static byte[] connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] connect = new byte[14 + id.length];
        connect[0] = 0x10;
        connect[1] = (byte) (12 + id.length);
        System.arraycopy(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, KEEP_ALIVE_SECONDS >> 8,
                (byte) KEEP_ALIVE_SECONDS, 0, (byte) id.length}, 0, connect, 2, 12);
        System.arraycopy(id, 0, connect, 14, id.length);
        return connect;
    }

    int size() {
        return sockets.size();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        sockets.clear();
        if (first != null) {
            throw first;
        }
    }
}
