package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerThread;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

/**
 * The broker's thread on the transport's side: one Vert.x event-loop context of the shared Vert.x instance, which
 * every listener and connection of the broker runs on too.
 */
public final class EventLoopThread implements BrokerThread {

    private final Vertx vertx;
    private final ContextInternal context;

    private EventLoopThread(Vertx vertx) {
        this.vertx = vertx;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /**
     * @return a new event-loop context on the JVM's shared Vert.x instance
     */
    public static EventLoopThread create() {
        return new EventLoopThread(SharedVertx.get());
    }

    Vertx vertx() {
        return vertx;
    }

    ContextInternal context() {
        return context;
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public boolean isCurrent() {
        return context.isRunningOnContext();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delayMillis), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
