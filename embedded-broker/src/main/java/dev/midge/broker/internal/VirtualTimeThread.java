package dev.midge.broker.internal;

import dev.midge.broker.VirtualTime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's thread when its time is virtual: tasks run on the real thread, timers wait for {@link #advance}.
 *
 * <p>{@link #execute}, {@link #isCurrent}, {@link #now} and {@link #advance} may be called from any thread;
 * {@link #schedule} on the broker's thread only.
 */
final class VirtualTimeThread implements BrokerThread, VirtualTime {

    private final BrokerThread thread;
    private final ManualTime time;

    VirtualTimeThread(BrokerThread thread, Instant start) {
        this.thread = thread;
        this.time = new ManualTime(start);
    }

    /** @return the virtual time as a clock */
    Clock clock() {
        return time.clock();
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public boolean isCurrent() {
        return thread.isCurrent();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        return time.schedule(delayMillis, task);
    }

    @Override
    public Instant now() {
        return time.clock().instant();
    }

    @Override
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Virtual time only moves forward: " + duration);
        }
        long millis = duration.toMillis();
        if (thread.isCurrent()) {
            time.advance(millis);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                time.advance(millis);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        BrokerRuntime.await(done);
    }
}
