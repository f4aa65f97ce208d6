package dev.midge.bench.moquette;

import io.moquette.broker.Server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;

/**
 * Moquette embedded, in a JVM of its own, launched by the bench module's peer benchmarks. Two modes:
 * <ul>
 *   <li>{@code cold}: starts Moquette on a free loopback port, connects once, prints the milliseconds from the JVM's
 *   start and from {@code main} entry to the CONNACK, stops and exits;</li>
 *   <li>{@code serve <port>}: starts Moquette on the loopback port given, prints {@code ready}, and runs until its
 *   standard input closes or the process is stopped.</li>
 * </ul>
 * Moquette runs as published: in-memory sessions (no persistence), anonymous clients allowed, its own defaults
 * otherwise.
 */
public final class MoquetteMain {

    private static final byte[] CONNECT = {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 'b'};

    private MoquetteMain() {
    }

    /**
     * @param args {@code cold}, or {@code serve} and a port
     */
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        boolean cold = args.length == 1 && args[0].equals("cold");
        if (!cold && !(args.length == 2 && args[0].equals("serve"))) {
            throw new IllegalArgumentException("usage: cold | serve <port>");
        }
        int port = cold ? freePort() : Integer.parseInt(args[1]);
        Server server = new Server();
        server.startServer(configuration(port));
        try {
            if (cold) {
                connack(port);
                long connacked = System.currentTimeMillis();
                long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println((connacked - jvmStart) + " " + (connacked - mainEntered));
            } else {
                System.out.println("ready");
                System.out.flush();
                System.in.transferTo(OutputStream.nullOutputStream());
            }
        } finally {
            server.stopServer();
        }
    }

    private static Properties configuration(int port) {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        return properties;
    }

    private static void connack(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(CONNECT);
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(4);
            if (reply.length != 4 || reply[0] != 0x20 || reply[3] != 0) {
                throw new IOException("no accepting CONNACK from Moquette");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
