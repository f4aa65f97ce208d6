package dev.midge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CPU a broker spends per routed QoS 0 message: one publisher pipelines small messages, one subscriber receives
 * them, and the broker's process CPU time (user + system, from /proc) is divided by the message count. Each broker
 * gets three warm-up rounds, then the median of five rounds counts. Midge (the standalone jar's main class, in its
 * own JVM) against Debian's Mosquitto in the same run. Linux only.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.RoutingCost}
 */
public final class RoutingCost {

    private static final int MESSAGES = 200_000;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 5;
    private static final byte[] PAYLOAD = "temperature=21.5".getBytes();

    private RoutingCost() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        BrokerProcesses.requireMosquitto();
        int midgePort = BrokerProcesses.freePort();
        Process midge = BrokerProcesses.midge(midgePort);
        double midgeMicros;
        try {
            midgeMicros = steadyState(midge, midgePort);
        } finally {
            BrokerProcesses.stop(midge);
        }
        int mosquittoPort = BrokerProcesses.freePort();
        Path config = Files.createTempFile("bench-mosquitto", ".conf");
        Process mosquitto = BrokerProcesses.mosquitto(mosquittoPort, config);
        double mosquittoMicros;
        try {
            mosquittoMicros = steadyState(mosquitto, mosquittoPort);
        } finally {
            BrokerProcesses.stop(mosquitto);
            Files.deleteIfExists(config);
        }
        System.out.printf("Broker CPU per routed QoS 0 message (%d messages of %d bytes, 1 publisher -> 1 subscriber,"
                + " median of %d rounds)%n", MESSAGES, PAYLOAD.length, MEASURED_ROUNDS);
        System.out.printf("  Midge                  %6.2f µs%n", midgeMicros);
        System.out.printf("  Reference: Mosquitto   %6.2f µs%n", mosquittoMicros);
        System.out.printf("  Ratio Midge / Mosquitto: %.2f%n", midgeMicros / mosquittoMicros);
    }

    /** The median of several rounds, after warm-up rounds that let the JIT compiler finish its work. */
    private static double steadyState(Process broker, int port) throws Exception {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            measure(broker, port);
        }
        double[] rounds = new double[MEASURED_ROUNDS];
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            rounds[i] = measure(broker, port);
        }
        Arrays.sort(rounds);
        return rounds[MEASURED_ROUNDS / 2];
    }

    private static double measure(Process broker, int port) throws Exception {
        try (RawMqtt subscriber = new RawMqtt(port, "bench-sub");
             RawMqtt publisher = new RawMqtt(port, "bench-pub")) {
            subscriber.subscribe("bench/readings");
            long before = ProcessMeasures.cpuTicks(broker);
            CompletableFuture<Void> received = CompletableFuture.runAsync(() -> {
                try {
                    subscriber.receive(MESSAGES);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.publish("bench/readings", PAYLOAD, MESSAGES);
            received.get(2, TimeUnit.MINUTES);
            long ticks = ProcessMeasures.cpuTicks(broker) - before;
            return ProcessMeasures.ticksToMicros(ticks) / MESSAGES;
        }
    }
}
