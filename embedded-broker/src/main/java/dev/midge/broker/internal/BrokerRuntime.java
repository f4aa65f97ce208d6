package dev.midge.broker.internal;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Owns the core: creates it with its clock, scheduler and state store, confines it to the broker's thread, and
 * starts and stops what runs beside it ({@code $SYS} statistics, the store). The public API reaches the core only
 * through {@link #run} and {@link #call}, which hop onto the broker's thread; the transport, already on that thread,
 * uses {@link #core()}.
 */
public final class BrokerRuntime {

    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final BrokerConfig config;
    private final EventSink events;
    private final Clock clock;
    private final BrokerThread thread;
    private final BrokerCore core;
    private final StateStore store;
    private SysTopics sysTopics;

    /**
     * @param config the settings
     * @param events where the core reports what it does
     * @param clock  the clock every timestamp and expiry reads
     * @param thread the thread the core is confined to, and its timers
     */
    public BrokerRuntime(BrokerConfig config, EventSink events, Clock clock, BrokerThread thread) {
        this(config, events, clock, thread, StateStore.NONE);
    }

    /**
     * @param config the settings
     * @param events where the core reports what it does
     * @param clock  the clock every timestamp and expiry reads
     * @param thread the thread the core is confined to, and its timers
     * @param store  where the state that outlives the process is kept, {@link StateStore#NONE} for nowhere; the
     *               runtime closes it when the broker stops
     */
    public BrokerRuntime(BrokerConfig config, EventSink events, Clock clock, BrokerThread thread, StateStore store) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.thread = thread;
        this.store = store;
        this.core = new BrokerCore(config, events, clock, thread, store);
    }

    /**
     * Puts back what the state store kept, then starts publishing {@code $SYS} statistics when the configuration
     * asks for them. Runs on the broker's thread, before the listeners accept clients.
     *
     * @throws IllegalStateException naming the store's file, when it cannot be read
     */
    public void start() {
        core.restore(store.load());
        if (config.sysIntervalMillis() > 0) {
            sysTopics = SysTopics.start(core, thread, config.sysIntervalMillis());
        }
    }

    /**
     * Stops the {@code $SYS} statistics, ends every connection and stops every timer of the core. Runs on the
     * broker's thread.
     */
    public void shutdown() {
        if (sysTopics != null) {
            sysTopics.stop();
            sysTopics = null;
        }
        core.shutdown();
        store.close();
    }

    /**
     * Makes the state changes made so far durable, as the persistence settings say: the transport calls it before
     * it sends what it holds, acknowledgements among it. Runs on the broker's thread.
     */
    public void commitState() {
        core.commitState();
    }

    /**
     * @return the core, for code already running on the broker's thread
     */
    public BrokerCore core() {
        return core;
    }

    /** @return the settings the core was made with */
    public BrokerConfig config() {
        return config;
    }

    /** @return where the core reports what it does */
    public EventSink events() {
        return events;
    }

    /** @return the clock the core reads */
    public Clock clock() {
        return clock;
    }

    /** @return the broker's thread and its timers */
    public BrokerThread thread() {
        return thread;
    }

    /**
     * Runs an action on the core on the broker's thread and waits for it to finish.
     *
     * @param action what to do
     */
    public void run(Consumer<BrokerCore> action) {
        call(core -> {
            action.accept(core);
            return null;
        });
    }

    /**
     * Runs a function of the core on the broker's thread and returns its result; directly when called on that
     * thread. The state changes it made are committed before it returns, so that a message published through the
     * API is as durable as an acknowledged one once the call returns.
     *
     * @param action what to ask
     * @param <T>    the result's type
     * @return the function's result
     * @throws RuntimeException what the function threw, or an {@link IllegalStateException} when the broker does
     *                          not answer within 30 seconds
     */
    public <T> T call(Function<BrokerCore, T> action) {
        if (thread.isCurrent()) {
            T result = action.apply(core);
            core.commitState();
            return result;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                T value = action.apply(core);
                core.commitState();
                result.complete(value);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return await(result);
    }

    /**
     * Waits, from a thread other than the broker's, for something the broker's thread completes.
     *
     * @param future what the broker's thread completes
     * @param <T>    the result's type
     * @return the result
     * @throws RuntimeException how the future failed, or an {@link IllegalStateException} after 30 seconds
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        }
    }
}
