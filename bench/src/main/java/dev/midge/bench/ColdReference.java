package dev.midge.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The reference for {@link ColdStart}: a fresh JVM that binds a plain server socket, answers one client with a
 * CONNACK-shaped reply, and prints the same two figures. What it costs is the JVM, not the broker.
 */
public final class ColdReference {

    private ColdReference() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket client = server.accept()) {
                    client.getInputStream().readNBytes(15);
                    client.getOutputStream().write(new byte[] {0x20, 2, 0, 0});
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            answer.start();
            RawConnect.connack("127.0.0.1", server.getLocalPort());
            answer.join();
        }
        long connacked = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((connacked - jvmStart) + " " + (connacked - mainEntered));
    }
}
