package dev.midge.broker.internal.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Looks up the host names of bridges' upstream addresses off the broker's event loop: the JDK's lookup blocks, for
 * seconds when a name server does not answer, and the loop serves every client. Its threads are daemons, made when a
 * bridge first connects, two at most, each gone after a minute without work. Lookups beyond two wait in turn, 64 at
 * most: a bridge has two under way at most (its connection and its probe of the main address), so only a JVM with
 * dozens of bridges whose name servers all hang fills the queue; a lookup that finds it full fails at once, and its
 * bridge tries again after its restart wait, as after any failure to connect.
 *
 * <p>Called on the broker's thread; answers on a thread of its own, or at once when the queue is full.
 */
final class UpstreamResolver {

    private UpstreamResolver() {
    }

    /**
     * @param host a host name or a literal address
     * @param done takes the address, or why there is none, on the resolver's thread
     */
    static void resolve(String host, BiConsumer<InetAddress, UnknownHostException> done) {
        try {
            Pool.EXECUTOR.execute(() -> lookUp(host, done));
        } catch (RejectedExecutionException full) {
            done.accept(null, new UnknownHostException(host + " not looked up: " + Pool.MAX_WAITING
                    + " lookups are waiting already"));
        }
    }

    private static void lookUp(String host, BiConsumer<InetAddress, UnknownHostException> done) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            done.accept(null, e);
            return;
        }
        done.accept(address, null);
    }

    /** Made on the first lookup, so that a broker without bridges never makes it. */
    private static final class Pool {
        private static final int THREADS = 2;
        private static final long IDLE_SECONDS = 60;
        private static final int MAX_WAITING = 64;
        private static final ThreadPoolExecutor EXECUTOR = executor();

        private static ThreadPoolExecutor executor() {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory daemons = lookup -> {
                Thread thread = new Thread(lookup, "midge-bridge-resolver-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(MAX_WAITING), daemons);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }
}
