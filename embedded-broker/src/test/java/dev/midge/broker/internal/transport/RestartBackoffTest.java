package dev.midge.broker.internal.transport;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits between a bridge's connection attempts, as Mosquitto's {@code restart_timeout BASE CAP} makes them.
 */
class RestartBackoffTest {

    @RepeatedTest(20)
    void eachWaitLiesBetweenTheBaseAndThreeTimesThePreviousOneAndNeverPastTheCap() {
        RestartBackoff backoff = new RestartBackoff(100, 5_000);

        long previous = backoff.next();
        assertThat(previous).isEqualTo(100);
        for (int attempt = 0; attempt < 30; attempt++) {
            long wait = backoff.next();
            assertThat(wait).isBetween(100L, Math.min(5_000, previous * 3));
            previous = wait;
        }
    }

    @Test
    void aSuccessStartsOverFromTheBase() {
        RestartBackoff backoff = new RestartBackoff(100, 5_000);
        for (int attempt = 0; attempt < 10; attempt++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(100);
    }

    @Test
    void aBaseEqualToTheCapIsAConstantWait() {
        RestartBackoff backoff = new RestartBackoff(2_000, 2_000);

        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(backoff.next()).isEqualTo(2_000);
        }
    }
}
