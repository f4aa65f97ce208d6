package dev.midge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a broker process costs, read from outside it: CPU time and resident memory from /proc, and for a JVM the live
 * heap through {@code jcmd}. Linux only.
 */
final class ProcessMeasures {

    /** The kernel's clock ticks per second in /proc/[pid]/stat (USER_HZ), 100 on every Linux the bench runs on. */
    static final long TICKS_PER_SECOND = 100;

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessMeasures() {
    }

    /** @return the process's user and system CPU time so far, in clock ticks */
    static long cpuTicks(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
    }

    /** @return microseconds of CPU time that a number of clock ticks stands for */
    static double ticksToMicros(long ticks) {
        return ticks * 1e6 / TICKS_PER_SECOND;
    }

    /** @return the process's resident set size in KiB */
    static long rssKiB(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    /**
     * The live heap: what a JVM's heap holds right after a full collection ({@code jcmd GC.run}, then the used
     * figure of {@code jcmd GC.heap_info}).
     *
     * @return KiB
     */
    static long liveHeapKiB(Process jvm) throws IOException, InterruptedException {
        jcmd(jvm, "GC.run");
        String info = jcmd(jvm, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IOException("jcmd GC.heap_info gave no used figure: " + info);
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(Process process, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        try {
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("jcmd " + command + " did not finish");
            }
            return output;
        } finally {
            jcmd.destroyForcibly();
        }
    }
}
