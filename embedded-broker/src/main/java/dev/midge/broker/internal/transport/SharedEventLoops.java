package dev.midge.broker.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty event loops every broker of this JVM shares, one of which each broker takes as its thread. Created on
 * first use; their threads ({@code midge-event-loop-N}) are daemons, so an application that closes its brokers and
 * returns from {@code main} exits without waiting for them, and a test engine ends without closing them.
 *
 * <p>The loops use the JDK's selector unless the system property {@value #NATIVE_TRANSPORT}{@code =true} asks for
 * epoll through Netty's native transport (Linux on x86-64 and 64-bit ARM), which costs less per wake-up and per
 * connection but about 40 ms more to start in a fresh JVM: unpacking its library into the temporary directory under
 * a random name, loading it and deleting the file. A test JVM starts brokers often and serves few clients, so only the
 * standalone broker asks for it by default. The library is relocated with Netty, so it never meets an application's
 * own; where it cannot be loaded the loops use the JDK's selector.
 *
 * <p>What a task of an {@link EventLoopThread} no broker owns throws goes to the {@link OutOfMemoryAlarm} when it is
 * an {@link OutOfMemoryError} (every running broker stops), and to the log otherwise.
 *
 * <p>Used from any thread.
 */
public final class SharedEventLoops {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEventLoops.class);
    /** Relocated with Netty in the published jar, so that it names the broker's own copy of Netty only. */
    private static final String NETTY_FLIGHT_RECORDER_EVENTS = "io.netty.jfr.enabled";
    private static final String THREAD_NAME = "midge-event-loop-";

    /** The system property that has the broker use epoll where it can. */
    static final String NATIVE_TRANSPORT = "midge.nativeTransport";

    private static volatile SharedEventLoops instance;

    private final MultiThreadIoEventLoopGroup group;
    private final boolean epoll;

    private SharedEventLoops(boolean epoll) {
        this.epoll = epoll;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DaemonThreads(), io);
    }

    /**
     * @return the shared event loops, created on the first call
     */
    static SharedEventLoops get() {
        SharedEventLoops loops = instance;
        if (loops == null) {
            synchronized (SharedEventLoops.class) {
                loops = instance;
                if (loops == null) {
                    loops = create();
                    instance = loops;
                }
            }
        }
        return loops;
    }

    private static SharedEventLoops create() {
        // Netty reports its buffer allocations as Flight Recorder events: registering the first event class costs the
        // broker's first connection about 250 ms, for events nobody records. A value the user set is kept. No Netty
        // class may be initialised before this line, as Netty reads the setting once.
        if (System.getProperty(NETTY_FLIGHT_RECORDER_EVENTS) == null) {
            System.setProperty(NETTY_FLIGHT_RECORDER_EVENTS, "false");
        }
        return new SharedEventLoops(useEpoll());
    }

    private static boolean useEpoll() {
        if (!Boolean.parseBoolean(System.getProperty(NATIVE_TRANSPORT))) {
            LOG.debug("Using the JDK's selector: {} is not true", NATIVE_TRANSPORT);
            return false;
        }
        if (!Epoll.isAvailable()) {
            LOG.debug("Using the JDK's selector: epoll is not available", Epoll.unavailabilityCause());
            return false;
        }
        return true;
    }

    /** @return the next of the loops, in turn */
    EventLoop next() {
        return group.next();
    }

    /** @return a listener's bootstrap with the channel type of the loops' transport */
    ServerBootstrap serverBootstrap() {
        return epoll ? new ServerBootstrap().channelFactory(EpollServerSocketChannel::new)
                : new ServerBootstrap().channelFactory(NioServerSocketChannel::new);
    }

    /** @return an outgoing connection's bootstrap with the channel type of the loops' transport */
    Bootstrap bootstrap() {
        return epoll ? new Bootstrap().channelFactory(EpollSocketChannel::new)
                : new Bootstrap().channelFactory(NioSocketChannel::new);
    }

    /**
     * @param error what a task of an event-loop thread no broker owns threw
     */
    static void unhandled(Throwable error) {
        if (!OutOfMemoryAlarm.raise(error)) {
            LOG.error("Unhandled failure on a shared event-loop thread", error);
        }
    }

    /** Netty's own thread type, whose fast thread-locals its buffer pools use, as daemons with the broker's name. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable loop) {
            Thread thread = new FastThreadLocalThread(loop, THREAD_NAME + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
