package dev.midge.broker.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual time fires the timers that fall due while it is moved, in order, each at its own time, and no others.
 */
class ManualTimeTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ManualTime time = new ManualTime(START);
    private final List<String> fired = new ArrayList<>();

    @Test
    void timersFireInTheOrderTheyFallDueWithTheClockAtTheirDueTime() {
        time.schedule(300, () -> fired.add("c@" + time.millis()));
        time.schedule(100, () -> fired.add("a@" + time.millis()));
        time.schedule(200, () -> fired.add("b@" + time.millis()));

        time.advance(1000);

        long start = START.toEpochMilli();
        assertThat(fired).containsExactly("a@" + (start + 100), "b@" + (start + 200), "c@" + (start + 300));
        assertThat(time.millis()).isEqualTo(start + 1000);
    }

    @Test
    void timersDueAtOnceFireInTheOrderTheyWereSet() {
        time.schedule(50, () -> fired.add("first"));
        time.schedule(50, () -> fired.add("second"));

        time.advance(50);

        assertThat(fired).containsExactly("first", "second");
    }

    @Test
    void aTimerNotYetDueWaitsForTheNextMove() {
        time.schedule(1000, () -> fired.add("late"));

        time.advance(999);
        assertThat(fired).isEmpty();

        time.advance(1);
        assertThat(fired).containsExactly("late");
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void aTimerSetByAFiringTimerFiresInTheSameMoveWhenItFallsDueWithinIt() {
        time.schedule(100, () -> {
            fired.add("outer");
            time.schedule(100, () -> fired.add("inner@" + (time.millis() - START.toEpochMilli())));
            time.schedule(1000, () -> fired.add("beyond"));
        });

        time.advance(500);

        assertThat(fired).containsExactly("outer", "inner@200");
        assertThat(time.pendingTimers()).isOne();
    }

    @Test
    void aCancelledTimerNeverFiresAndIsForgotten() {
        Scheduler.Cancellable cancelled = time.schedule(100, () -> fired.add("cancelled"));
        time.schedule(200, () -> fired.add("kept"));

        cancelled.cancel();
        assertThat(time.pendingTimers()).isOne();
        time.advance(300);

        assertThat(fired).containsExactly("kept");
    }

    @Test
    void aFailingTimerDoesNotStopTheOthers() {
        time.schedule(100, () -> {
            throw new IllegalStateException("a timer that fails on purpose");
        });
        time.schedule(200, () -> fired.add("after the failure"));

        time.advance(300);

        assertThat(fired).containsExactly("after the failure");
    }

    @Test
    void theClockShowsTheTimeInEveryZoneItIsAskedFor() {
        time.advance(60_000);

        assertThat(time.clock().instant()).isEqualTo(START.plusSeconds(60));
        assertThat(time.clock().withZone(ZoneId.of("Asia/Tokyo")).instant())
                .isEqualTo(START.plusSeconds(60));
    }
}
