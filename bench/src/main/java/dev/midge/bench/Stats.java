package dev.midge.bench;

import java.util.Arrays;

/**
 * Median and percentiles of a series of durations in nanoseconds, printed in milliseconds.
 */
final class Stats {

    private final long[] sorted;

    Stats(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double percentileMillis(double percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    String describe() {
        return String.format("median %7.3f ms   p90 %7.3f ms   min %7.3f ms   (n=%d)",
                medianMillis(), percentileMillis(90), sorted[0] / 1e6, sorted.length);
    }
}
