package dev.midge.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Broker CPU per CONNECT: a number of MQTT 3.1.1 clients (plain sockets from this JVM) connect one after another and
 * stay connected; the broker's process CPU time (user + system, from /proc, 10 ms ticks) from before the first
 * CONNECT to the last CONNACK, divided by the count. Eight rounds per broker, each once the clients of the round before
 * are gone: the first, on the freshly started broker, includes the JIT compiler's work on the connection path; a JVM
 * broker's compilers are still busy in the second; the settled figure is the median of the last three. Midge and
 * Moquette each embedded in a JVM of its own ({@code -Xmx512m}), Debian's Mosquitto. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.ConnectCost [clients]}
 */
public final class ConnectCost {

    private static final int DEFAULT_CLIENTS = 5_000;
    private static final int ROUNDS = 8;
    private static final int SETTLED_ROUNDS = 3;
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
        double[][] micros = new double[names.length][ROUNDS];
        for (int i = 0; i < names.length; i++) {
            try (PeerBroker broker = PeerBroker.start(names[i])) {
                for (int round = 0; round < ROUNDS; round++) {
                    micros[i][round] = connectAll(broker, clients, "round" + round + "-");
                    awaitIdle(broker.process());
                }
            }
        }
        System.out.println("Broker CPU per CONNECT, " + clients + " clients connecting one after another and staying");
        for (int i = 0; i < names.length; i++) {
            StringBuilder rounds = new StringBuilder();
            for (double round : micros[i]) {
                rounds.append(String.format(" %7.1f", round));
            }
            System.out.printf("  %-9s rounds (µs):%s   settled %7.1f µs%n", names[i], rounds, settled(micros[i]));
        }
        for (int peer = 1; peer < names.length; peer++) {
            System.out.printf("  Ratio Midge / %s: fresh %.2f   second %.2f   settled %.2f%n", names[peer],
                    micros[0][0] / micros[peer][0], micros[0][1] / micros[peer][1],
                    settled(micros[0]) / settled(micros[peer]));
        }
    }

    /** @return the median of the last rounds */
    private static double settled(double[] rounds) {
        double[] last = Arrays.copyOfRange(rounds, rounds.length - SETTLED_ROUNDS, rounds.length);
        Arrays.sort(last);
        return last[SETTLED_ROUNDS / 2];
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
