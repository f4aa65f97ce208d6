package dev.midge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;

import java.lang.management.ManagementFactory;

/**
 * The Vert.x floor for {@link ColdStart}: a fresh JVM that starts Vert.x, listens with a bare TCP server that
 * answers any bytes with a CONNACK-shaped reply, connects once, and prints the same two figures. No broker can start
 * faster on Vert.x than this.
 */
public final class ColdVertxReference {

    private ColdVertxReference() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
        NetServer server = vertx.createNetServer()
                .connectHandler(socket -> socket.handler(bytes -> socket.write(Buffer.buffer(new byte[] {0x20, 2, 0, 0}))))
                .listen(0, "127.0.0.1").await();
        RawConnect.connack("127.0.0.1", server.actualPort());
        long connacked = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((connacked - jvmStart) + " " + (connacked - mainEntered));
    }
}
