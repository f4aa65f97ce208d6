package dev.midge.broker.internal.transport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The one Vert.x instance every broker of this JVM shares. Created on first use; its threads are daemons, so an
 * application that closes its brokers and returns from {@code main} exits without waiting for Vert.x, and a test
 * engine ends without closing it.
 *
 * <p>The broker reads no file through Vert.x by a class-path name, so Vert.x keeps no cache of class-path files:
 * without one it makes no {@code vertx-cache-*} directory in the temporary directory (which every JVM that does not
 * exit normally leaves behind), registers no shutdown hook to delete it, and does not seed a secure random generator
 * to name it, about 130 classes less on a fresh JVM's start. A file named by its path is still read from that path.
 *
 * <p>On Linux (x86-64 and 64-bit ARM) its event loops, and so every connection of the broker, use epoll through
 * Netty's native transport, which costs less per wake-up and per connection than the JDK's selector. Its library is
 * relocated with Netty, so it never meets an application's own; Netty unpacks it into the temporary directory, loads
 * it and deletes the file at once. Where it cannot be loaded, or with the system property
 * {@value #NATIVE_TRANSPORT}{@code =false}, they use the JDK's selector.
 *
 * <p>An {@link OutOfMemoryError} on any of its threads outside a broker's own context — a context Vert.x made —
 * reaches every running broker through the {@link OutOfMemoryAlarm}.
 */
public final class SharedVertx {

    private static final Logger LOG = LoggerFactory.getLogger(SharedVertx.class);
    private static final long RELAXED_BLOCKED_THREAD_CHECK_SECONDS = 60;
    /** Relocated with Netty in the published jar, so that it names the broker's own copy of Netty only. */
    private static final String NETTY_FLIGHT_RECORDER_EVENTS = "io.netty.jfr.enabled";

    /** The system property that keeps the broker on the JDK's selector where epoll could be used. */
    static final String NATIVE_TRANSPORT = "midge.nativeTransport";

    private static volatile Vertx instance;
    /** Chosen as the instance is made, after the system properties the broker sets for its Netty. */
    private static Transport transport;

    private SharedVertx() {
    }

    /**
     * @return the shared instance, created on the first call
     */
    public static Vertx get() {
        Vertx vertx = instance;
        if (vertx == null) {
            synchronized (SharedVertx.class) {
                vertx = instance;
                if (vertx == null) {
                    vertx = create();
                    instance = vertx;
                }
            }
        }
        return vertx;
    }

    private static Vertx create() {
        // Netty reports its buffer allocations as Flight Recorder events: registering the first event class costs the
        // broker's first connection about 250 ms, for events nobody records. A value the user set is kept.
        if (System.getProperty(NETTY_FLIGHT_RECORDER_EVENTS) == null) {
            System.setProperty(NETTY_FLIGHT_RECORDER_EVENTS, "false");
        }
        // A test paused in a debugger must not flood the log with blocked-thread warnings.
        VertxOptions options = new VertxOptions()
                .setUseDaemonThread(true)
                .setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setBlockedThreadCheckInterval(RELAXED_BLOCKED_THREAD_CHECK_SECONDS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
                .setMaxEventLoopExecuteTime(RELAXED_BLOCKED_THREAD_CHECK_SECONDS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
                .setWarningExceptionTime(RELAXED_BLOCKED_THREAD_CHECK_SECONDS)
                .setWarningExceptionTimeUnit(TimeUnit.SECONDS)
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false));
        transport = chooseTransport();
        Vertx vertx = Vertx.builder().with(options).withTransport(transport).build();
        vertx.exceptionHandler(SharedVertx::onUnhandled);
        return vertx;
    }

    private static Transport chooseTransport() {
        if (!Boolean.parseBoolean(System.getProperty(NATIVE_TRANSPORT, "true"))) {
            LOG.debug("Using the JDK's selector: {} is false", NATIVE_TRANSPORT);
            return Transport.NIO;
        }
        if (!Transport.EPOLL.available()) {
            LOG.debug("Using the JDK's selector: epoll is not available", Transport.EPOLL.unavailabilityCause());
            return Transport.NIO;
        }
        return Transport.EPOLL;
    }

    /**
     * @return the transport of the shared instance's event loops, whose channels the broker's listeners open; known
     *         once {@link #get()} has returned
     */
    static Transport transport() {
        return transport;
    }

    private static void onUnhandled(Throwable error) {
        if (!OutOfMemoryAlarm.raise(error)) {
            LOG.error("Unhandled failure on a Vert.x thread", error);
        }
    }
}
