package dev.midge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start against the peers: a fresh JVM that starts Midge embedded ({@link ColdStart}) and one that starts
 * Moquette embedded ({@code bench-moquette}'s main class), each connecting once and reporting the milliseconds from
 * the JVM's start to the first CONNACK; and Debian's Mosquitto, timed from launching the process until a client
 * polling its port every millisecond has a CONNACK. The three alternate, run after run.
 *
 * <p>Run (from the project's root): {@code ./mvnw -q -B -pl bench,bench-moquette -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.PeerColdStart [runs]}
 */
public final class PeerColdStart {

    private static final int DEFAULT_RUNS = 10;
    private static final long MOSQUITTO_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private PeerColdStart() {
    }

    /**
     * @param args optionally the number of runs per broker (default 10)
     */
    public static void main(String[] args) throws Exception {
        BrokerProcesses.requireMosquitto();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> midge = List.of(java, "-cp", BrokerProcesses.embeddingClassPath(), ColdStart.class.getName());
        List<String> moquette = List.of(java, "-cp", BrokerProcesses.moquetteClassPath(),
                "dev.midge.bench.moquette.MoquetteMain", "cold");
        long[] midgeMillis = new long[runs];
        long[] moquetteMillis = new long[runs];
        long[] mosquittoMillis = new long[runs];
        for (int i = 0; i < runs; i++) {
            midgeMillis[i] = jvmStartToConnack(midge);
            moquetteMillis[i] = jvmStartToConnack(moquette);
            mosquittoMillis[i] = TimeUnit.NANOSECONDS.toMillis(launchToConnack());
        }
        Stats midgeStats = millis(midgeMillis);
        Stats moquetteStats = millis(moquetteMillis);
        Stats mosquittoStats = millis(mosquittoMillis);
        System.out.println("Cold start to the first CONNACK, " + runs + " runs each, interleaved");
        System.out.println("  Midge embedded, fresh JVM start:     " + midgeStats.describe());
        System.out.println("  Moquette embedded, fresh JVM start:  " + moquetteStats.describe());
        System.out.println("  Mosquitto, process launch:           " + mosquittoStats.describe());
        System.out.printf("  Ratio of medians, Midge / Moquette: %.2f   Midge / Mosquitto: %.2f%n",
                midgeStats.medianMillis() / moquetteStats.medianMillis(),
                midgeStats.medianMillis() / mosquittoStats.medianMillis());
    }

    private static Stats millis(long[] millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = TimeUnit.MILLISECONDS.toNanos(millis[i]);
        }
        return new Stats(nanos);
    }

    /** @return the first number the child prints on its last line: milliseconds from its JVM's start to CONNACK */
    private static long jvmStartToConnack(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || last == null) {
                throw new IllegalStateException(command.get(command.size() - 1) + " failed: " + last);
            }
        } finally {
            BrokerProcesses.stop(process);
        }
        return Long.parseLong(last.trim().split(" ")[0]);
    }

    private static long launchToConnack() throws IOException, InterruptedException {
        int port = BrokerProcesses.freePort();
        Path config = Files.createTempFile("bench-mosquitto", ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        long launched = System.nanoTime();
        Process mosquitto = new ProcessBuilder(BrokerProcesses.MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (System.nanoTime() - launched < MOSQUITTO_DEADLINE_NANOS && mosquitto.isAlive()) {
                try {
                    RawConnect.connack("127.0.0.1", port);
                    return System.nanoTime() - launched;
                } catch (IOException notYet) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
            throw new IllegalStateException("Mosquitto did not answer on port " + port);
        } finally {
            BrokerProcesses.stop(mosquitto);
            Files.deleteIfExists(config);
        }
    }
}
