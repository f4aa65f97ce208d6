package dev.midge.serial;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scheduler behind a device's periodic sources: one daemon thread, created on first use, ended on close. */
final class PeriodicSources {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicSources.class);
    private static final long SHUTDOWN_SECONDS = 5;

    private final String name;
    private ScheduledExecutorService scheduler;
    private boolean closed;

    PeriodicSources(String name) {
        this.name = name;
    }

    synchronized PeriodicSource start(Duration period, Supplier<String> reading, Consumer<String> sendLine) {
        if (closed) {
            throw new IllegalStateException("the device of " + name + " is closed");
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the period must be positive: " + period);
        }
        if (scheduler == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "midge-serial-" + name + "-periodic");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            scheduler = executor;
        }
        Source source = new Source(reading, sendLine);
        long nanos = period.toNanos();
        source.future = scheduler.scheduleAtFixedRate(source::emit, nanos, nanos, TimeUnit.NANOSECONDS);
        return source;
    }

    /** One source; emitting and stopping exclude each other, so after {@link #stop()} the count is final. */
    private final class Source implements PeriodicSource {
        private final Supplier<String> reading;
        private final Consumer<String> sendLine;
        private final AtomicLong emitted = new AtomicLong();
        private volatile ScheduledFuture<?> future;
        private boolean stopped;

        Source(Supplier<String> reading, Consumer<String> sendLine) {
            this.reading = reading;
            this.sendLine = sendLine;
        }

        @Override
        public long emitted() {
            return emitted.get();
        }

        @Override
        public synchronized void stop() {
            stopped = true;
            future.cancel(false);
        }

        private synchronized void emit() {
            if (stopped) {
                return;
            }
            try {
                sendLine.accept(reading.get());
                emitted.incrementAndGet();
            } catch (IllegalStateException | UncheckedIOException e) {
                LOG.debug("{}: periodic reading not delivered: {}", name, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{}: periodic reading failed", name, e);
            }
        }
    }

    void close() {
        ScheduledExecutorService toStop;
        synchronized (this) {
            closed = true;
            toStop = scheduler;
            scheduler = null;
        }
        if (toStop == null) {
            return;
        }
        toStop.shutdownNow();
        try {
            if (!toStop.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{}: periodic sources did not stop within {} s", name, SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
