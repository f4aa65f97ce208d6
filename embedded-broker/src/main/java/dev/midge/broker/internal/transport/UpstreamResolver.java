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
 * seconds when a name server does not answer, and the loop serves every client. The JVM's resolver ({@link
 * #shared()}) is made when a bridge first connects; its threads are daemons, two at most, each gone after a minute
 * without work. Lookups beyond two wait in turn, 64 at most: a bridge has two under way at most (its connection and
 * its probe of the main address), so only a JVM with dozens of bridges whose name servers all hang fills the queue;
 * a lookup that finds it full fails at once, and its bridge tries again after its restart wait, as after any failure
 * to connect.
 *
 * <p>Called on the broker's thread; answers on a thread of its own, or at once when the queue is full.
 */
final class UpstreamResolver {

    /** A blocking lookup of one host name. */
    @FunctionalInterface
    interface Lookup {
        /**
         * @param host a host name or a literal address
         * @return its address
         * @throws UnknownHostException when it has none
         */
        InetAddress byName(String host) throws UnknownHostException;
    }

    static final int THREADS = 2;
    static final int MAX_WAITING = 64;
    private static final long IDLE_SECONDS = 60;
    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final Lookup lookup;
    private final int maxWaiting;
    private final ThreadPoolExecutor executor;

    /**
     * @param lookup     the blocking lookup its threads run
     * @param threads    how many lookups run at once
     * @param maxWaiting how many more may wait for a thread
     */
    UpstreamResolver(Lookup lookup, int threads, int maxWaiting) {
        this.lookup = lookup;
        this.maxWaiting = maxWaiting;
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "midge-bridge-resolver-" + THREAD_COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxWaiting), daemons);
        executor.allowCoreThreadTimeOut(true);
    }

    /** @return the JVM's resolver, made on the first call, so that a broker without bridges never makes it */
    static UpstreamResolver shared() {
        return Shared.RESOLVER;
    }

    /**
     * @param host a host name or a literal address
     * @param done takes the address, or why there is none, on the resolver's thread, or on the caller's when too
     *             many lookups are waiting
     */
    void resolve(String host, BiConsumer<InetAddress, UnknownHostException> done) {
        try {
            executor.execute(() -> lookUp(host, done));
        } catch (RejectedExecutionException full) {
            done.accept(null, new UnknownHostException(host + " not looked up: " + maxWaiting
                    + " lookups are waiting already"));
        }
    }

    private void lookUp(String host, BiConsumer<InetAddress, UnknownHostException> done) {
        InetAddress address;
        try {
            address = lookup.byName(host);
        } catch (UnknownHostException e) {
            done.accept(null, e);
            return;
        }
        done.accept(address, null);
    }

    private static final class Shared {
        private static final UpstreamResolver RESOLVER = new UpstreamResolver(InetAddress::getByName, THREADS,
                MAX_WAITING);
    }
}
