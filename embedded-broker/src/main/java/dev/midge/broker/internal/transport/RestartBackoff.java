package dev.midge.broker.internal.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between a bridge's connection attempts, as Mosquitto's {@code restart_timeout BASE CAP} computes them: the
 * first is the base, each next one a random time between the base and three times the previous one, never more
 * than the cap. A success starts over from the base. With the base equal to the cap every wait is the same.
 *
 * <p>Used on the broker's thread.
 */
final class RestartBackoff {

    private final long baseMillis;
    private final long capMillis;
    private long previousMillis;

    RestartBackoff(long baseMillis, long capMillis) {
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** @return how long to wait before the next attempt, in milliseconds */
    long next() {
        long wait = previousMillis == 0 ? baseMillis
                : ThreadLocalRandom.current().nextLong(baseMillis, Math.max(baseMillis, previousMillis * 3) + 1);
        previousMillis = Math.min(capMillis, wait);
        return previousMillis;
    }

    /** The bridge connected: the next failure waits the base again. */
    void reset() {
        previousMillis = 0;
    }
}
