package dev.midge.serial;

import java.time.Duration;

/**
 * A {@link DeviceScript} playing on a {@link SimulatedDevice}, on a thread of its own. It ends after its last
 * command, when it fails (an {@code expect} that was not met, a send the port refused), when it is stopped, or when
 * the port closes. Its replies stay in force as long as the device.
 */
public interface ScriptRun extends AutoCloseable {

    /**
     * Waits for the script to end and reports how it ended.
     *
     * @param timeout how long to wait
     * @throws AssertionError naming the script's line when it failed, or the line it is at when it did not end in
     *                        time
     */
    void awaitFinished(Duration timeout);

    /**
     * Returns whether the script has ended, whether it completed, failed or was stopped.
     *
     * @return whether it ended
     */
    boolean isFinished();

    /** Stops the script where it is; a send under way completes first. Idempotent. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
