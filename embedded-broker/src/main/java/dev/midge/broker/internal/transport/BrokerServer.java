package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerConfig;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.EventSink;
import dev.midge.broker.internal.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The running broker: the core and its TCP and WebSocket listeners, all confined to one Vert.x event-loop
 * context. Calls from other threads hop onto that context and wait for the answer.
 */
public final class BrokerServer {

    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final long PORT_RELEASE_TIMEOUT_MILLIS = 2000;

    private final Vertx vertx;
    private final ContextInternal context;
    private final BrokerConfig config;
    private final FlushBatch flushes;
    private BrokerCore core;
    private NetServer tcp;
    private NetServer websocket;
    private int boundPort = -1;
    private int boundWebsocketPort = -1;

    private BrokerServer(Vertx vertx, BrokerConfig config) {
        this.vertx = vertx;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.config = config;
        this.flushes = new FlushBatch(context.nettyEventLoop());
    }

    /**
     * Starts the listeners and returns once they accept connections.
     *
     * @param vertx  the Vert.x instance to run on
     * @param config the settings
     * @param events the event sink the core reports to
     * @param clock  the clock the core reads
     * @return the running server
     */
    public static BrokerServer start(Vertx vertx, BrokerConfig config, EventSink events, Clock clock) {
        BrokerServer server = new BrokerServer(vertx, config);
        try {
            server.runAndAwait(() -> server.listen(events, clock));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private Future<?> listen(EventSink events, Clock clock) {
        core = new BrokerCore(config, events, clock, scheduler());
        return bind(config.port(), config.websocketPort());
    }

    private Future<?> bind(int port, int websocketPort) {
        tcp = listener(new Listener(false, config.maxPacketSize(), config.connectTimeoutMillis(),
                config.maxKeepAliveSeconds(), config.maxInflightMessages()));
        Future<?> tcpBound = tcp.listen(port, config.host()).onSuccess(s -> boundPort = s.actualPort());
        if (websocketPort < 0) {
            return tcpBound;
        }
        websocket = listener(new Listener(true, config.maxPacketSize(), config.connectTimeoutMillis(),
                config.maxKeepAliveSeconds(), config.maxInflightMessages()));
        Future<?> wsBound = websocket.listen(websocketPort, config.host())
                .onSuccess(s -> boundWebsocketPort = s.actualPort());
        return Future.all(tcpBound, wsBound);
    }

    private NetServer listener(Listener listener) {
        NetServer server = vertx.createNetServer(new NetServerOptions().setReuseAddress(true).setTcpNoDelay(true));
        server.connectHandler(socket -> new MqttConnection((NetSocketInternal) socket, core, listener, flushes).start());
        return server;
    }

    private Scheduler scheduler() {
        return (delayMillis, task) -> {
            long id = vertx.setTimer(Math.max(1, delayMillis), t -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }

    /**
     * @return the bound TCP port
     */
    public int port() {
        return boundPort;
    }

    /**
     * @return the bound WebSocket port, or -1 when there is no WebSocket listener
     */
    public int websocketPort() {
        return boundWebsocketPort;
    }

    /**
     * Runs a function on the broker's thread and returns its result.
     */
    public <T> T call(Function<BrokerCore, T> action) {
        if (context.isRunningOnContext()) {
            return action.apply(core);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.apply(core));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return await(result);
    }

    /**
     * Takes the broker off the network as an outage would: every connection ends (MQTT 5 clients get DISCONNECT
     * 0x8B, no will is published) and the ports stop accepting. Sessions and retained messages stay.
     */
    public void suspend() {
        runAndAwait(() -> {
            core.disconnectAll();
            return unbind();
        });
        awaitPortsReleased();
    }

    /**
     * Listens again on the ports the broker had before {@link #suspend()}.
     */
    public void resume() {
        runAndAwait(() -> bind(boundPort, websocket == null ? -1 : boundWebsocketPort));
    }

    /**
     * Ends every connection (MQTT 5 clients get DISCONNECT 0x8B, no will is published) and closes the listeners.
     */
    public void close() {
        runAndAwait(() -> {
            if (core != null) {
                core.shutdown();
            }
            return unbind();
        });
        awaitPortsReleased();
    }

    /**
     * Netty reports a listener closed before the JDK has let go of its socket, which happens at the acceptor's next
     * select: binding the same port at once can still fail. Waits, briefly, until the ports can be bound again, so
     * that a broker started on them right after finds them free.
     */
    private void awaitPortsReleased() {
        if (context.isRunningOnContext()) {
            return;
        }
        awaitReleased(boundPort);
        if (websocket != null) {
            awaitReleased(boundWebsocketPort);
        }
    }

    private void awaitReleased(int port) {
        if (port <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PORT_RELEASE_TIMEOUT_MILLIS);
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(config.host(), port));
                return;
            } catch (IOException stillBound) {
                if (System.nanoTime() - deadline > 0) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private Future<?> unbind() {
        Future<Void> tcpClosed = tcp == null ? Future.succeededFuture() : tcp.close();
        Future<Void> wsClosed = websocket == null ? Future.succeededFuture() : websocket.close();
        return Future.all(tcpClosed, wsClosed);
    }

    private void runAndAwait(Supplier<Future<?>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(null);
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        if (!context.isRunningOnContext()) {
            await(done);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
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
