package dev.midge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory per idle connection: a number of MQTT 3.1.1 clients (plain sockets from this JVM) connect to each broker in
 * turn and stay silent. For Midge and Moquette (each embedded in a JVM of its own, {@code -Xmx512m}) the live heap,
 * read after a full collection ({@code jcmd GC.run}, then {@code jcmd GC.heap_info}), before and with the clients
 * connected; for all three the resident set size as well. Reported per connection, with the ratios to Moquette's heap
 * and Mosquitto's RSS. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.IdleConnectionMemory [clients]}
 */
public final class IdleConnectionMemory {

    private static final int DEFAULT_CLIENTS = 2_000;
    private static final int WARM_UP_CLIENTS = 200;

    private IdleConnectionMemory() {
    }

    /**
     * @param args optionally the number of clients (default 2 000)
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLIENTS;
        List<double[]> perConnection = new ArrayList<>();
        for (String name : PeerBroker.names()) {
            try (PeerBroker broker = PeerBroker.start(name)) {
                perConnection.add(measure(broker, clients));
            }
        }
        System.out.println("Memory per idle MQTT 3.1.1 connection, " + clients + " clients connected to each broker");
        String[] names = PeerBroker.names();
        for (int i = 0; i < names.length; i++) {
            double[] figures = perConnection.get(i);
            System.out.printf("  %-9s live heap %s   RSS %5.2f KiB per connection%n", names[i],
                    Double.isNaN(figures[0]) ? "   -    " : String.format("%5.2f KiB", figures[0]), figures[1]);
        }
        System.out.printf("  Ratio Midge / Moquette (live heap): %.2f   Midge heap / Mosquitto RSS: %.2f"
                        + "   Midge / Mosquitto (RSS): %.2f%n", perConnection.get(0)[0] / perConnection.get(1)[0],
                perConnection.get(0)[0] / perConnection.get(2)[1], perConnection.get(0)[1] / perConnection.get(2)[1]);
    }

    /** @return KiB per connection: the live heap's growth (NaN for a broker not on a JVM) and the RSS's growth */
    private static double[] measure(PeerBroker broker, int clients) throws Exception {
        // A first round loads the classes and fills the pools that a broker needs once, not once per connection.
        new IdleClients(broker.port(), "warm-up-", WARM_UP_CLIENTS).close();
        Process process = broker.process();
        long heapBefore = broker.jvm() ? ProcessMeasures.liveHeapKiB(process) : 0;
        long rssBefore = ProcessMeasures.rssKiB(process);
        try (IdleClients idle = new IdleClients(broker.port(), "idle-", clients)) {
            long heapWith = broker.jvm() ? ProcessMeasures.liveHeapKiB(process) : 0;
            long rssWith = ProcessMeasures.rssKiB(process);
            double heap = broker.jvm() ? (heapWith - heapBefore) / (double) idle.size() : Double.NaN;
            return new double[] {heap, (rssWith - rssBefore) / (double) idle.size()};
        }
    }
}
