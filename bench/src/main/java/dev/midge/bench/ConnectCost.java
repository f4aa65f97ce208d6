package dev.midge.bench;

import java.util.concurrent.TimeUnit;

/**
 * Broker CPU per CONNECT: a number of MQTT 3.1.1 clients (plain sockets from this JVM) connect one after another and
 * stay connected; the broker's process CPU time (user + system, from /proc, 10 ms ticks) from before the first
 * CONNECT to the last CONNACK, divided by the count. Twice per broker: on the freshly started broker, which includes
 * the JIT compiler's work on the connection path, and again once those clients are gone. Midge and Moquette each
 * embedded in a JVM of its own ({@code -Xmx512m}), Debian's Mosquitto. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.ConnectCost [clients]}
 */
public final class ConnectCost {

    private static final int DEFAULT_CLIENTS = 5_000;
    private static final long SETTLE_POLL_MILLIS = 200;
    private static final int SETTLE_MAX_POLLS = 50;

    private ConnectCost() {
    }

    /**
     * @param args optionally the number of clients (default 5 000)
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLIENTS;
        String[] names = PeerBroker.names();
        double[][] micros = new double[names.length][];
        for (int i = 0; i < names.length; i++) {
            try (PeerBroker broker = PeerBroker.start(names[i])) {
                double fresh = connectAll(broker, clients, "fresh-");
                awaitIdle(broker.process());
                micros[i] = new double[] {fresh, connectAll(broker, clients, "again-")};
            }
        }
        System.out.println("Broker CPU per CONNECT, " + clients + " clients connecting one after another and staying");
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-9s fresh broker %7.1f µs   second round %7.1f µs%n", names[i], micros[i][0],
                    micros[i][1]);
        }
        System.out.printf("  Ratio Midge / Moquette: fresh %.2f, second %.2f   Midge / Mosquitto: fresh %.2f, "
                        + "second %.2f%n", micros[0][0] / micros[1][0], micros[0][1] / micros[1][1],
                micros[0][0] / micros[2][0], micros[0][1] / micros[2][1]);
    }

    /** @return microseconds of broker CPU per connection */
    private static double connectAll(PeerBroker broker, int clients, String prefix) throws Exception {
        long before = ProcessMeasures.cpuTicks(broker.process());
        try (IdleClients connected = new IdleClients(broker.port(), prefix, clients)) {
            long ticks = ProcessMeasures.cpuTicks(broker.process()) - before;
            return ProcessMeasures.ticksToMicros(ticks) / connected.size();
        }
    }

    /** Waits, a bounded time, until the broker has done with the clients that just left: its CPU time stands still. */
    private static void awaitIdle(Process broker) throws Exception {
        long last = ProcessMeasures.cpuTicks(broker);
        for (int i = 0; i < SETTLE_MAX_POLLS; i++) {
            TimeUnit.MILLISECONDS.sleep(SETTLE_POLL_MILLIS);
            long now = ProcessMeasures.cpuTicks(broker);
            if (now == last) {
                return;
            }
            last = now;
        }
    }
}
