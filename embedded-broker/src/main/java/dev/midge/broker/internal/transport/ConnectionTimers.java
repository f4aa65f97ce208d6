package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerRuntime;
import dev.midge.broker.internal.Scheduler;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one connection: the read timeout (connect timeout, then keep-alive) and the deadline of an enhanced
 * authentication, on the event loop's time or on the broker's virtual clock.
 *
 * <p>Used on the broker's event-loop thread.
 */
abstract sealed class ConnectionTimers {

    /**
     * @param runtime the core's owner, whose thread and clock are virtual or not
     * @return the connections' timers on the runtime's time
     */
    static ConnectionTimers of(BrokerRuntime runtime) {
        return runtime.virtualTime() == null ? new Real() : new Virtual(runtime.thread(), runtime.clock());
    }

    /**
     * @param timeoutMillis how long the connection may stay without a packet from the client
     * @param connection    told once the connection has been silent that long
     * @return the timeout, to be started
     */
    ReadTimeout readTimeout(long timeoutMillis, ReadTimeout.Listener connection) {
        return new ReadTimeout(this, timeoutMillis, connection);
    }

    /**
     * Whether the keep-alive check counts a client as heard while network faults let the broker hear it. On virtual
     * time the clients' own keep-alive timers still run on real time, so a client the broker can hear is taken to
     * keep its keep-alive, and only one it cannot hear lapses, once the timeout has passed since its last packet or
     * since it went unheard, whichever came later.
     *
     * @return true on virtual time
     */
    abstract boolean countsHearing();

    /** @return the time in milliseconds, only for measuring how much has passed */
    abstract long millis();

    /**
     * Runs a task after a delay, on the channel's event loop.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    abstract Scheduler.Cancellable schedule(Channel channel, long delayMillis, Runnable task);

    private static final class Real extends ConnectionTimers {
        @Override
        boolean countsHearing() {
            return false;
        }

        @Override
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        }

        @Override
        Scheduler.Cancellable schedule(Channel channel, long delayMillis, Runnable task) {
            Future<?> scheduled = channel.eventLoop().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        }
    }

    private static final class Virtual extends ConnectionTimers {
        private final Scheduler scheduler;
        private final Clock clock;

        Virtual(Scheduler scheduler, Clock clock) {
            this.scheduler = scheduler;
            this.clock = clock;
        }

        @Override
        boolean countsHearing() {
            return true;
        }

        @Override
        long millis() {
            return clock.millis();
        }

        @Override
        Scheduler.Cancellable schedule(Channel channel, long delayMillis, Runnable task) {
            return scheduler.schedule(delayMillis, task);
        }
    }
}
