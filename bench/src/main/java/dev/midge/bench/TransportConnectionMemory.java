package dev.midge.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Midge's heap per idle connection on each of its transports, which the allowance every live connection holds is
 * sized from (docs/robustness.md): the standalone broker in a JVM of its own ({@code -Xmx512m}) with a TCP, a
 * WebSocket and a TLS listener (its self-signed certificate). On each in turn, a number of clients (plain sockets
 * from this JVM) connect and stay silent: over TCP they send CONNECT, over WebSocket the upgrade request and then
 * CONNECT in a binary frame, over TLS the handshake and then CONNECT; each waits for its CONNACK. The live heap after
 * a full collection, before and with the clients connected, gives the figure per connection, with the ratio to plain
 * TCP in the same run. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.TransportConnectionMemory [clients]}
 */
public final class TransportConnectionMemory {

    private static final int DEFAULT_CLIENTS = 2_000;
    private static final int WARM_UP_CLIENTS = 200;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private TransportConnectionMemory() {
    }

    /**
     * @param args optionally the number of clients per transport (default 2 000)
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLIENTS;
        int tcp = BrokerProcesses.freePort();
        int webSocket = BrokerProcesses.freePort();
        int tls = BrokerProcesses.freePort();
        Process broker = BrokerProcesses.midge(tcp, List.of("-Xmx512m"), List.of("--ws-port", String.valueOf(webSocket),
                "--tls-port", String.valueOf(tls)));
        double[] kib = new double[3];
        try {
            BrokerProcesses.awaitListening(webSocket, broker);
            BrokerProcesses.awaitListening(tls, broker);
            SSLContext trustingAll = trustingAll();
            kib[0] = perConnection(broker, tcp, clients, IdleClients::connect);
            kib[1] = perConnection(broker, webSocket, clients, TransportConnectionMemory::webSocket);
            kib[2] = perConnection(broker, tls, clients, (port, clientId) -> tls(trustingAll, port, clientId));
        } finally {
            BrokerProcesses.stop(broker);
        }
        System.out.println("Live heap per idle connection after CONNECT, " + clients + " clients on each transport");
        String[] names = {"TCP", "WebSocket", "TLS"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-9s %5.2f KiB   (x%.2f of TCP)%n", names[i], kib[i], kib[i] / kib[0]);
        }
    }

    private static double perConnection(Process broker, int port, int clients, IdleClients.Connector transport)
            throws Exception {
        // A first round loads the classes and fills the pools that a transport needs once, not once per connection.
        new IdleClients(port, "warm-up-", WARM_UP_CLIENTS, transport).close();
        long before = ProcessMeasures.liveHeapKiB(broker);
        try (IdleClients idle = new IdleClients(port, "idle-", clients, transport)) {
            return (ProcessMeasures.liveHeapKiB(broker) - before) / (double) idle.size();
        }
    }

    private static Socket tls(SSLContext context, int port, String clientId) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.startHandshake();
        return connected(socket, clientId, IdleClients.connectPacket(clientId), 4);
    }

    /** Upgrades to WebSocket with the {@code mqtt} subprotocol, then sends CONNECT as one masked binary frame. */
    private static Socket webSocket(int port, String clientId) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            String key = Base64.getEncoder().encodeToString(clientId.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = readHttpHead(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket upgrade refused: " + response.lines().findFirst().orElse(""));
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        byte[] connect = IdleClients.connectPacket(clientId);
        byte[] frame = new byte[2 + 4 + connect.length];
        frame[0] = (byte) 0x82;
        frame[1] = (byte) (0x80 | connect.length);
        // A zero mask leaves the payload as it is; a client must still mask.
        System.arraycopy(connect, 0, frame, 6, connect.length);
        return connected(socket, clientId, frame, 2 + 4);
    }

    private static String readHttpHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the WebSocket upgrade");
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** Sends the CONNECT (as the transport frames it) and waits for the bytes that carry CONNACK. */
    private static Socket connected(Socket socket, String clientId, byte[] connect, int connackBytes)
            throws IOException {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(connect);
            out.flush();
            byte[] connack = socket.getInputStream().readNBytes(connackBytes);
            if (connack.length != connackBytes || connack[connackBytes - 1] != 0) {
                throw new IOException("client " + clientId + " was not accepted");
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The broker presents a self-signed certificate made at its start; this benchmark measures, it does not check. */
    private static SSLContext trustingAll() throws GeneralSecurityException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
