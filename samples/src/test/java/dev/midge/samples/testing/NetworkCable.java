package dev.midge.samples.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network cable between a client and the broker that a test can cut: a TCP relay on a port of its own. Cutting
 * it stops every byte in both directions but closes nothing, so neither side learns of it from the network, as
 * when a Pi's cable is pulled or its Wi-Fi drops. Only keep-alive tells.
 */
public final class NetworkCable implements AutoCloseable {

    private final URI broker;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private NetworkCable(URI broker) throws IOException {
        this.broker = broker;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "network-cable " + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param broker the broker's address, {@code tcp://host:port} or {@code ws://host:port/path}
     * @return a cable that relays to it
     */
    public static NetworkCable to(URI broker) throws IOException {
        return new NetworkCable(broker);
    }

    /**
     * @return the address clients use to go through the cable: the broker's, with the cable's port
     */
    public URI address() {
        return URI.create(broker.getScheme() + "://" + listener.getInetAddress().getHostAddress() + ":"
                + listener.getLocalPort() + (broker.getRawPath() == null ? "" : broker.getRawPath()));
    }

    /**
     * Stops all traffic from now on, for every connection through the cable, current and future.
     */
    public void cut() {
        cut = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(broker.getHost(), broker.getPort());
                sockets.add(client);
                sockets.add(server);
                relay(client, server);
                relay(server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!cut) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
                if (!cut) {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                // one side closed: the relay's job in this direction is over
            }
        }, "network-cable relay");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
