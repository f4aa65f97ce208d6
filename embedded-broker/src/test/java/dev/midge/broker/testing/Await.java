package dev.midge.broker.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by polling it until a deadline, for state that offers nothing to block on.
 */
public final class Await {

    /** How long {@link #until} waits. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * @param what      the condition in words, for the failure message
     * @param condition checked every few milliseconds
     * @throws AssertionError when the condition is still false after {@link #TIMEOUT}
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not true within " + TIMEOUT.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
