package dev.midge.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start: launches fresh JVMs, alternating {@link ColdStart} (a Midge broker), {@link ColdNettyReference}
 * (bare Netty, the floor for a broker built on it) and {@link ColdReference} (a plain socket), and reports the time
 * from JVM start, and from {@code main} entry, to the first CONNACK. Each JVM has only the class path it needs: the
 * broker's the one a project embedding it has ({@link BrokerProcesses#embeddingClassPath()}). Then the standalone jar, launched with and
 * without the class-data archive the build makes beside it, timed from launching the process to the first CONNACK.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.ColdStartBenchmark}
 */
public final class ColdStartBenchmark {

    private static final int RUNS = 15;
    private static final Path CLI_JAR = Path.of("embedded-broker", "target", "midge-broker.jar");
    private static final Path CLI_ARCHIVE = Path.of("embedded-broker", "target", "midge-broker.jsa");
    private static final Pattern BANNER_URI = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)");

    private ColdStartBenchmark() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long[] midgeFromJvm = new long[RUNS];
        long[] midgeFromMain = new long[RUNS];
        long[] refFromJvm = new long[RUNS];
        long[] refFromMain = new long[RUNS];
        long[] nettyFromJvm = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long[] midge = run(ColdStart.class, BrokerProcesses.embeddingClassPath());
            long[] reference = run(ColdReference.class, BrokerProcesses.benchClassPath(name -> false));
            nettyFromJvm[i] = run(ColdNettyReference.class, nettyJars())[0] * 1_000_000;
            midgeFromJvm[i] = midge[0] * 1_000_000;
            midgeFromMain[i] = midge[1] * 1_000_000;
            refFromJvm[i] = reference[0] * 1_000_000;
            refFromMain[i] = reference[1] * 1_000_000;
        }
        Stats midgeJvm = new Stats(midgeFromJvm);
        Stats refJvm = new Stats(refFromJvm);
        Stats nettyJvm = new Stats(nettyFromJvm);
        System.out.println("Cold start, fresh JVM each run, " + RUNS + " runs each, interleaved");
        System.out.println("  Midge: JVM start -> first CONNACK      " + midgeJvm.describe());
        System.out.println("  Midge: main() -> first CONNACK         " + new Stats(midgeFromMain).describe());
        System.out.println("  Reference (bare Netty):   JVM start -> reply " + nettyJvm.describe());
        System.out.println("  Reference (plain socket): JVM start -> reply " + refJvm.describe());
        System.out.println("  Reference (plain socket): main() -> reply    " + new Stats(refFromMain).describe());
        System.out.printf("  Ratio JVM start -> CONNACK, Midge / bare Netty: %.2f   Midge / plain socket: %.2f%n",
                midgeJvm.medianMillis() / nettyJvm.medianMillis(), midgeJvm.medianMillis() / refJvm.medianMillis());
        if (!Files.isRegularFile(CLI_JAR) || !Files.isRegularFile(CLI_ARCHIVE)) {
            System.out.println("  (standalone jar not measured: build it first with ./mvnw -pl embedded-broker package)");
            return;
        }
        long[] cliPlain = new long[RUNS];
        long[] cliArchived = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            cliPlain[i] = runCli(false);
            cliArchived[i] = runCli(true);
        }
        Stats plain = new Stats(cliPlain);
        Stats archived = new Stats(cliArchived);
        System.out.println("  Standalone jar: launch -> first CONNACK              " + plain.describe());
        System.out.println("  Standalone jar with class-data archive: launch -> CONNACK " + archived.describe());
        System.out.printf("  Ratio with archive / without: %.2f%n", archived.medianMillis() / plain.medianMillis());
    }

    /** @return nanoseconds from launching {@code java -jar midge-broker.jar --port 0} to its first CONNACK */
    private static long runCli(boolean archive) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (archive) {
            command.add("-XX:SharedArchiveFile=" + CLI_ARCHIVE);
        }
        command.addAll(List.of("-jar", CLI_JAR.toString(), "--port", "0"));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher uri = BANNER_URI.matcher(line);
                if (uri.find()) {
                    RawConnect.connack("127.0.0.1", Integer.parseInt(uri.group(1)));
                    return System.nanoTime() - launched;
                }
            }
            throw new IllegalStateException("the standalone broker printed no address");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** @return Netty's own jars and SLF4J, which Netty logs through when it finds it, as the broker does */
    private static String nettyJars() {
        return BrokerProcesses.benchClassPath(name -> name.startsWith("netty-") || name.startsWith("slf4j-"));
    }

    private static long[] run(Class<?> main, String classPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", classPath, main.getName())
                .redirectErrorStream(true)
                .start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException(main.getSimpleName() + " failed: " + last);
        }
        String[] parts = last.trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }
}
