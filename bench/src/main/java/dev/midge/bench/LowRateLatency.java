package dev.midge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency and broker CPU at a low, steady rate: one publisher sends QoS 0 messages of 16 bytes at 2 000 a second,
 * paced, each carrying the time it was sent; one subscriber (both plain sockets in this JVM) notes when each
 * arrives. After a warm-up, reported per broker: the median, 99th and 99.9th percentile of send-to-receive time, and
 * the broker's process CPU time (from /proc) per message. Midge and Moquette each embedded in a JVM of its own
 * ({@code -Xmx512m}), Debian's Mosquitto, one after another. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.LowRateLatency [seconds]}
 */
public final class LowRateLatency {

    private static final int RATE = 2_000;
    private static final int WARM_UP_SECONDS = 5;
    private static final int DEFAULT_MEASURED_SECONDS = 20;
    private static final int PAYLOAD_BYTES = 16;
    private static final String TOPIC = "bench/latency";

    private LowRateLatency() {
    }

    /**
     * @param args optionally the measured seconds per broker (default 20), after 5 seconds of warm-up
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MEASURED_SECONDS;
        String[] names = PeerBroker.names();
        Stats[] latencies = new Stats[names.length];
        double[] cpuMicros = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            try (PeerBroker broker = PeerBroker.start(names[i])) {
                long[] measured = new long[RATE * seconds];
                cpuMicros[i] = run(broker, measured);
                latencies[i] = new Stats(measured);
            }
        }
        System.out.printf("1 -> 1 QoS 0 at %d msg/s, %d-byte payload, %d s measured after %d s warm-up%n", RATE,
                PAYLOAD_BYTES, seconds, WARM_UP_SECONDS);
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-9s p50 %6.3f ms   p99 %6.3f ms   p99.9 %6.3f ms   broker CPU %5.2f µs/msg%n",
                    names[i], latencies[i].medianMillis(), latencies[i].percentileMillis(99),
                    latencies[i].percentileMillis(99.9), cpuMicros[i]);
        }
        for (int peer = 1; peer < names.length; peer++) {
            System.out.printf("  Ratio Midge / %s: p50 %.2f   p99 %.2f   p99.9 %.2f   CPU %.2f%n", names[peer],
                    latencies[0].medianMillis() / latencies[peer].medianMillis(),
                    latencies[0].percentileMillis(99) / latencies[peer].percentileMillis(99),
                    latencies[0].percentileMillis(99.9) / latencies[peer].percentileMillis(99.9),
                    cpuMicros[0] / cpuMicros[peer]);
        }
    }

    /**
     * Fills {@code measured} with the latencies after warm-up, in nanoseconds.
     *
     * @return broker CPU microseconds per measured message
     */
    private static double run(PeerBroker broker, long[] measured) throws Exception {
        int warmUp = RATE * WARM_UP_SECONDS;
        int total = warmUp + measured.length;
        long cpuAtMeasureStart = 0;
        try (RawMqtt subscriber = new RawMqtt(broker.port(), "latency-sub");
             RawMqtt publisher = new RawMqtt(broker.port(), "latency-pub")) {
            subscriber.subscribe(TOPIC);
            CompletableFuture<Void> received = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        byte[] body = subscriber.receivePublish();
                        long latency = System.nanoTime() - ByteBuffer.wrap(body, 2 + TOPIC.length(), 8).getLong();
                        if (i >= warmUp) {
                            measured[i - warmUp] = latency;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i == warmUp) {
                    cpuAtMeasureStart = ProcessMeasures.cpuTicks(broker.process());
                }
                LockSupport.parkNanos(next - System.nanoTime());
                publisher.publish(TOPIC, ByteBuffer.allocate(PAYLOAD_BYTES).putLong(System.nanoTime()).array(), 1);
                next += interval;
            }
            received.get(1, TimeUnit.MINUTES);
            long ticks = ProcessMeasures.cpuTicks(broker.process()) - cpuAtMeasureStart;
            return ProcessMeasures.ticksToMicros(ticks) / measured.length;
        }
    }
}
