package dev.midge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * Latency and broker CPU at a low, steady rate: one publisher sends QoS 0 messages of 16 bytes at 2 000 a second,
 * paced, each carrying the time it was sent; one subscriber (both plain sockets in this JVM) notes when each arrives.
 * After a warm-up long enough for a JVM broker's compilers to have settled (at this rate the JVM compiles the event
 * loop's own loop after some 30 seconds, and fully after some 50), reported per broker: the median, 99th and 99.9th
 * percentile of send-to-receive time of the messages that arrived, the broker's process CPU time (from /proc) per
 * message sent, and how many were lost (QoS 0 allows a broker to drop messages). Midge and Moquette each embedded in a
 * JVM of its own ({@code -Xmx512m}), Debian's Mosquitto, one after another. Linux only.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.LowRateLatency [seconds [warm-up seconds]]}
 */
public final class LowRateLatency {

    private static final int RATE = 2_000;
    private static final int DEFAULT_WARM_UP_SECONDS = 60;
    private static final int DEFAULT_MEASURED_SECONDS = 20;
    private static final int PAYLOAD_BYTES = 16;
    private static final String TOPIC = "bench/latency";
    private static final int END_MARKER = -1;
    private static final Duration END_TIMEOUT = Duration.ofSeconds(30);

    private LowRateLatency() {
    }

    /**
     * @param args optionally the measured seconds per broker (default 20), then the seconds of warm-up before them
     *             (default 60)
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MEASURED_SECONDS;
        int warmUpSeconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WARM_UP_SECONDS;
        String[] names = PeerBroker.names();
        Stats[] latencies = new Stats[names.length];
        double[] cpuMicros = new double[names.length];
        int[] lost = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            try (PeerBroker broker = PeerBroker.start(names[i])) {
                Outcome outcome = run(broker, warmUpSeconds, seconds);
                latencies[i] = outcome.latency();
                cpuMicros[i] = outcome.cpuMicros();
                lost[i] = outcome.lost();
            }
        }
        System.out.printf("1 -> 1 QoS 0 at %d msg/s, %d-byte payload, %d s measured after %d s warm-up%n", RATE,
                PAYLOAD_BYTES, seconds, warmUpSeconds);
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-9s p50 %6.3f ms   p99 %6.3f ms   p99.9 %6.3f ms   broker CPU %5.2f µs/msg   lost %d%n",
                    names[i], latencies[i].medianMillis(), latencies[i].percentileMillis(99),
                    latencies[i].percentileMillis(99.9), cpuMicros[i], lost[i]);
        }
        for (int peer = 1; peer < names.length; peer++) {
            System.out.printf("  Ratio Midge / %s: p50 %.2f   p99 %.2f   p99.9 %.2f   CPU %.2f%n", names[peer],
                    latencies[0].medianMillis() / latencies[peer].medianMillis(),
                    latencies[0].percentileMillis(99) / latencies[peer].percentileMillis(99),
                    latencies[0].percentileMillis(99.9) / latencies[peer].percentileMillis(99.9),
                    cpuMicros[0] / cpuMicros[peer]);
        }
    }

    /** What one broker showed: latencies of the measured messages that arrived, CPU per message sent, losses. */
    private record Outcome(Stats latency, double cpuMicros, int lost) {
    }

    private static Outcome run(PeerBroker broker, int warmUpSeconds, int seconds) throws Exception {
        int warmUp = RATE * warmUpSeconds;
        int total = warmUp + RATE * seconds;
        long[] latencies = new long[total];
        boolean[] arrived = new boolean[total];
        try (RawMqtt subscriber = new RawMqtt(broker.port(), "latency-sub");
             RawMqtt publisher = new RawMqtt(broker.port(), "latency-pub")) {
            subscriber.subscribe(TOPIC);
            CompletableFuture<Void> received = CompletableFuture.runAsync(() -> receive(subscriber, latencies,
                    arrived));
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long next = System.nanoTime();
            long cpuAtMeasureStart = 0;
            for (int i = 0; i < total; i++) {
                if (i == warmUp) {
                    cpuAtMeasureStart = ProcessMeasures.cpuTicks(broker.process());
                }
                LockSupport.parkNanos(next - System.nanoTime());
                publisher.publish(TOPIC, message(i), 1);
                next += interval;
            }
            long cpuTicks = ProcessMeasures.cpuTicks(broker.process()) - cpuAtMeasureStart;
            endMarkers(publisher, received);
            long[] measured = IntStream.range(warmUp, total).filter(i -> arrived[i]).mapToLong(i -> latencies[i])
                    .toArray();
            return new Outcome(new Stats(measured), ProcessMeasures.ticksToMicros(cpuTicks) / (total - warmUp),
                    total - warmUp - measured.length);
        }
    }

    /** A QoS 0 message may be lost: the end is a marker, sent repeatedly until the subscriber has seen one. */
    private static void endMarkers(RawMqtt publisher, CompletableFuture<Void> received) throws Exception {
        long deadline = System.nanoTime() + END_TIMEOUT.toNanos();
        while (!received.isDone() && System.nanoTime() < deadline) {
            publisher.publish(TOPIC, message(END_MARKER), 1);
            try {
                received.get(10, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // The next marker goes out.
            }
        }
        received.get(0, TimeUnit.MILLISECONDS);
    }

    private static void receive(RawMqtt subscriber, long[] latencies, boolean[] arrived) {
        try {
            while (true) {
                byte[] body = subscriber.receivePublish();
                long now = System.nanoTime();
                ByteBuffer payload = ByteBuffer.wrap(body, 2 + TOPIC.length(), PAYLOAD_BYTES);
                long sent = payload.getLong();
                int index = payload.getInt();
                if (index == END_MARKER) {
                    return;
                }
                latencies[index] = now - sent;
                arrived[index] = true;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a payload holding the time it is sent at and the message's number */
    private static byte[] message(int index) {
        return ByteBuffer.allocate(PAYLOAD_BYTES).putLong(System.nanoTime()).putInt(index).array();
    }
}
