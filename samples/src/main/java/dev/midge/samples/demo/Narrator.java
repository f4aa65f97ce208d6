package dev.midge.samples.demo;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Tells the demo's story: numbered steps, each followed by what was seen.
 */
final class Narrator {

    private final PrintStream out;
    private final Duration pace;
    private int step;

    Narrator(PrintStream out, Duration pace) {
        this.out = out;
        this.pace = pace;
    }

    void title(String text) {
        out.println(text);
        out.flush();
    }

    /** Starts a step, after a pause that lets the reader catch up. */
    void step(String text) throws InterruptedException {
        if (step > 0 && !pace.isZero()) {
            Thread.sleep(pace.toMillis());
        }
        step++;
        out.println();
        out.println(step + ". " + text);
        out.flush();
    }

    /** Something seen during the current step. */
    void saw(String text) {
        out.println("   " + text);
        out.flush();
    }
}
