package dev.midge.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Cold start: launches fresh JVMs, alternating {@link ColdStart} (a Midge broker), {@link ColdVertxReference}
 * (bare Vert.x, the floor for a broker built on it) and {@link ColdReference} (a plain socket), and reports the time from JVM start, and from {@code main} entry, to the first CONNACK.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.ColdStartBenchmark}
 */
public final class ColdStartBenchmark {

    private static final int RUNS = 15;

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
        long[] vertxFromJvm = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long[] midge = run(ColdStart.class);
            long[] reference = run(ColdReference.class);
            vertxFromJvm[i] = run(ColdVertxReference.class)[0] * 1_000_000;
            midgeFromJvm[i] = midge[0] * 1_000_000;
            midgeFromMain[i] = midge[1] * 1_000_000;
            refFromJvm[i] = reference[0] * 1_000_000;
            refFromMain[i] = reference[1] * 1_000_000;
        }
        Stats midgeJvm = new Stats(midgeFromJvm);
        Stats refJvm = new Stats(refFromJvm);
        Stats vertxJvm = new Stats(vertxFromJvm);
        System.out.println("Cold start, fresh JVM each run, " + RUNS + " runs each, interleaved");
        System.out.println("  Midge: JVM start -> first CONNACK      " + midgeJvm.describe());
        System.out.println("  Midge: main() -> first CONNACK         " + new Stats(midgeFromMain).describe());
        System.out.println("  Reference (bare Vert.x):  JVM start -> reply " + vertxJvm.describe());
        System.out.println("  Reference (plain socket): JVM start -> reply " + refJvm.describe());
        System.out.println("  Reference (plain socket): main() -> reply    " + new Stats(refFromMain).describe());
        System.out.printf("  Ratio JVM start -> CONNACK, Midge / bare Vert.x: %.2f   Midge / plain socket: %.2f%n",
                midgeJvm.medianMillis() / vertxJvm.medianMillis(), midgeJvm.medianMillis() / refJvm.medianMillis());
    }

    private static long[] run(Class<?> main) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
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
