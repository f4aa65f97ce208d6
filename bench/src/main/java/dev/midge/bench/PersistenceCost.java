package dev.midge.bench;

import dev.midge.broker.Broker;
import dev.midge.broker.Persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What persistence costs. First QoS 1 throughput: one publisher pipelines QoS 1 messages, one subscriber whose
 * session outlives its connection (so that every message is written to the store) receives and acknowledges them.
 * Every round reconnects to that same session, so that no offline session of an earlier round is queued the
 * messages of the next. The rate is messages over the time until the last one arrived, median of three rounds after
 * three warm-up rounds.
 * Midge (standalone, in its own JVM with {@code -Xmx512m}) without persistence, with the default policy and with
 * fsync, against Debian's Mosquitto without and with {@code persistence true} in the same run. Queues are unbounded
 * in both, so that nothing is dropped. Then the restart: a store filled with retained messages and sessions (one
 * subscription each) through the broker, and the time {@code start()} takes on it, in this JVM and as a fresh
 * standalone JVM until it listens. Linux only.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.PersistenceCost [messages] [retained] [sessions]}
 */
public final class PersistenceCost {

    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 3;
    private static final byte[] PAYLOAD = "temperature=21.5".getBytes(StandardCharsets.UTF_8);
    private static final String TOPIC = "bench/qos1";

    private PersistenceCost() {
    }

    /**
     * @param args messages per throughput round (default 100 000; a tenth of it with fsync; 0 to measure only the
     *             restart), retained messages
     *             (default 100 000) and sessions (default 10 000) in the restarted store
     */
    public static void main(String[] args) throws Exception {
        BrokerProcesses.requireMosquitto();
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int retained = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path work = Files.createTempDirectory("midge-persistence-bench");
        try {
            if (messages > 0) {
                throughput(work, messages);
            }
            restart(work.resolve("restart"), retained, sessions);
        } finally {
            delete(work);
        }
    }

    private static void throughput(Path work, int messages) throws Exception {
        System.out.printf("QoS 1 throughput, 1 publisher -> 1 subscriber with a persistent session, %d-byte payloads,"
                + " median of %d rounds after %d warm-up rounds%n", PAYLOAD.length, ROUNDS, WARM_UP_ROUNDS);
        double off = midge(work, "off", "", messages);
        double on = midge(work, "on", "persistence true\npersistence_location on\n", messages);
        double fsync = midge(work, "fsync", "persistence true\npersistence_location fsync\npersistence_fsync true\n",
                Math.max(1, messages / 10));
        double mosquittoOff = mosquitto(work, "", messages);
        double mosquittoOn = mosquitto(work, "persistence true\npersistence_location " + work.resolve("mosquitto")
                + "/\n", messages);
        print("Midge, persistence off", off);
        print("Midge, persistence on (commit before acknowledging)", on);
        print("Midge, persistence on, fsync", fsync);
        print("Mosquitto, persistence false", mosquittoOff);
        print("Mosquitto, persistence true (autosave_interval 1800)", mosquittoOn);
        System.out.printf("  Midge on / off: %.2f; Midge on / Mosquitto persistence true: %.2f%n", on / off,
                on / mosquittoOn);
    }

    private static void print(String what, double rate) {
        System.out.printf("  %-55s %,10.0f msg/s%n", what, rate);
    }

    private static double midge(Path work, String name, String settings, int messages) throws Exception {
        Files.createDirectories(work.resolve(name));
        Path config = work.resolve(name + ".conf");
        Files.writeString(config, "max_queued_messages 0\nmemory_limit 0\n" + settings);
        int port = BrokerProcesses.freePort();
        Process midge = BrokerProcesses.midge(port, List.of("-Xmx512m"), List.of("--config", config.toString()));
        try {
            return steadyState(port, messages);
        } finally {
            BrokerProcesses.stop(midge);
        }
    }

    private static double mosquitto(Path work, String settings, int messages) throws Exception {
        Files.createDirectories(work.resolve("mosquitto"));
        Path config = work.resolve("mosquitto.conf");
        int port = BrokerProcesses.freePort();
        Process mosquitto = BrokerProcesses.mosquitto(port, config, "max_queued_messages 0\n" + settings);
        try {
            return steadyState(port, messages);
        } finally {
            BrokerProcesses.stop(mosquitto);
        }
    }

    /** The median of several rounds, after warm-up rounds that let the JIT compiler finish its work. */
    private static double steadyState(int port, int messages) throws Exception {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            rate(port, messages);
        }
        double[] rounds = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            rounds[i] = rate(port, messages);
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    private static double rate(int port, int messages) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (RawMqtt subscriber = new RawMqtt(port, "bench-sub", false);
             RawMqtt publisher = new RawMqtt(port, "bench-pub")) {
            subscriber.subscribe(TOPIC, 1);
            long start = System.nanoTime();
            Future<?> received = readers.submit(() -> {
                subscriber.receiveQos1(messages);
                return null;
            });
            Future<?> acknowledged = readers.submit(() -> {
                publisher.awaitPubacks(messages);
                return null;
            });
            publisher.publishQos1(TOPIC, PAYLOAD, messages);
            acknowledged.get(10, TimeUnit.MINUTES);
            received.get(10, TimeUnit.MINUTES);
            double rate = messages / ((System.nanoTime() - start) / 1e9);
            subscriber.ping();
            return rate;
        } finally {
            readers.shutdownNow();
        }
    }

    private static void restart(Path directory, int retained, int sessions) throws Exception {
        Persistence persistence = Persistence.in(directory);
        long fillStart = System.nanoTime();
        try (Broker broker = Broker.builder().port(0).memoryBudget(Long.MAX_VALUE).persistence(persistence).start()) {
            try (RawMqtt publisher = new RawMqtt(broker.port(), "filler")) {
                publisher.publishRetained("bench/retained/", PAYLOAD, retained);
                publisher.ping();
            }
            for (int i = 0; i < sessions; i++) {
                try (RawMqtt session = new RawMqtt(broker.port(), "session-" + i, false)) {
                    session.subscribe("bench/session/" + i, 1);
                }
            }
        }
        System.out.printf("Restart of a store with %,d retained messages and %,d sessions (%.1f MiB, filled in "
                + "%.1f s)%n", retained, sessions, Files.size(persistence.file()) / 1048576.0,
                (System.nanoTime() - fillStart) / 1e9);
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            try (Broker broker = Broker.builder().port(0).memoryBudget(Long.MAX_VALUE).persistence(persistence)
                    .start()) {
                starts.add((System.nanoTime() - start) / 1e6);
                if (i == 0 && (broker.retainedMessages().size() != retained
                        || broker.subscriptions().size() != sessions)) {
                    throw new IllegalStateException("the store came back with " + broker.retainedMessages().size()
                            + " retained messages and " + broker.subscriptions().size() + " subscriptions");
                }
            }
        }
        starts.sort(Comparator.naturalOrder());
        System.out.printf("  start() in this JVM: median %.0f ms (of %s)%n", starts.get(2), starts);
        Path config = directory.resolveSibling("restart.conf");
        Files.writeString(config, "memory_limit 0\npersistence true\npersistence_location " + directory + "\n");
        Path emptyConfig = directory.resolveSibling("empty.conf");
        Files.writeString(emptyConfig, "memory_limit 0\npersistence true\npersistence_location "
                + directory.resolveSibling("empty") + "\n");
        System.out.printf("  fresh JVM until it listens: %.0f ms with the store, %.0f ms with an empty store%n",
                freshStart(config), freshStart(emptyConfig));
    }

    /** @return the median of three launches of the standalone broker, from launch until it accepts connections */
    private static double freshStart(Path config) throws Exception {
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
            int port = BrokerProcesses.freePort();
            long start = System.nanoTime();
            Process midge = BrokerProcesses.midge(port, List.of("-Xmx512m"), List.of("--config", config.toString()));
            times[i] = (System.nanoTime() - start) / 1e6;
            BrokerProcesses.stop(midge);
        }
        Arrays.sort(times);
        return times[1];
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
