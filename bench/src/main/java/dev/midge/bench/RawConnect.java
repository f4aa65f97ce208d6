package dev.midge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Connects to a broker with the smallest MQTT 3.1.1 CONNECT and waits for CONNACK: the moment a client can use it.
 */
final class RawConnect {

    private static final byte[] CONNECT = {
        0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 'b'
    };

    private RawConnect() {
    }

    /**
     * @return the CONNACK return code
     */
    static int connack(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(CONNECT);
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(4);
            if (reply.length != 4 || reply[0] != 0x20) {
                throw new IOException("no CONNACK from " + host + ":" + port);
            }
            return reply[3];
        }
    }
}
