package dev.midge.broker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it forward, so that ageing a message by minutes takes no time.
 */
public final class ManualClock extends Clock {

    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

    /**
     * @param duration how far to move the clock forward
     */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock stays in UTC");
    }
}
