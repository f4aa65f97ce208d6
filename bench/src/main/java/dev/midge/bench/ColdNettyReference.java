package dev.midge.bench;

import io.netty.channel.Channel;

import java.lang.management.ManagementFactory;

/**
 * The Netty floor for {@link ColdStart}: a fresh JVM that starts Netty's event loops, listens with a bare TCP server
 * that answers any bytes with a CONNACK-shaped reply ({@link BareNetty}), connects once, and prints the same two
 * figures. No broker built on Netty 4.2 can start faster than this.
 */
public final class ColdNettyReference {

    private ColdNettyReference() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        long connacked;
        try (BareNetty netty = new BareNetty()) {
            Channel server = netty.listen();
            RawConnect.connack("127.0.0.1", BareNetty.port(server));
            connacked = System.currentTimeMillis();
            server.close().sync();
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((connacked - jvmStart) + " " + (connacked - mainEntered));
    }
}
