package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerThread;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The broker's thread on the transport's side: one of the {@link SharedEventLoops}, which every listener and
 * connection of the broker runs on too. Netty only logs what a task throws; here it reaches the handler of the
 * broker that owns the thread, or, before one owns it, the shared loops' own.
 *
 * <p>Tasks may be handed over from any thread; they run on the event loop.
 */
public final class EventLoopThread implements BrokerThread {

    private final EventLoop loop;
    private volatile Consumer<Throwable> failures = SharedEventLoops::unhandled;

    private EventLoopThread(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * @return the next of the JVM's shared event loops, as a broker's thread
     */
    public static EventLoopThread create() {
        return new EventLoopThread(SharedEventLoops.get().next());
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * @param handler takes what a task or timer of this thread throws, from now on
     */
    void onFailure(Consumer<Throwable> handler) {
        failures = handler;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(guarded(task));
    }

    @Override
    public boolean isCurrent() {
        return loop.inEventLoop();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> timer = loop.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> timer.cancel(false);
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable error) {
                failures.accept(error);
            }
        };
    }
}
