package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerConfig;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.EventSink;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.SysTopics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);
    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final long PORT_RELEASE_TIMEOUT_MILLIS = 2000;

    private final Vertx vertx;
    private final ContextInternal context;
    private final BrokerConfig config;
    private final FlushBatch flushes;
    private final OutOfMemoryGuard outOfMemory = new OutOfMemoryGuard(this::stopAfterOutOfMemory);
    private final Runnable stopHearingAlarms;
    private final Map<Endpoint, NetServer> servers = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Integer> boundPorts = new EnumMap<>(Endpoint.class);
    private BrokerCore core;
    private SysTopics sysTopics;
    private ConnectionBound connections;

    private BrokerServer(Vertx vertx, BrokerConfig config) {
        this.vertx = vertx;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.config = config;
        this.flushes = new FlushBatch(context.nettyEventLoop());
        context.exceptionHandler(this::onUnhandled);
        this.stopHearingAlarms = OutOfMemoryAlarm.listen(error ->
                context.runOnContext(v -> outOfMemory.handled(error)));
    }

    private void onUnhandled(Throwable error) {
        if (!outOfMemory.handled(error)) {
            LOG.error("Unhandled failure on the broker's thread", error);
        }
    }

    private void stopAfterOutOfMemory() {
        if (sysTopics != null) {
            sysTopics.stop();
        }
        unbind();
        core.shutdown();
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
        connections = new ConnectionBound(core.memoryBudget(), events, clock);
        if (config.sysIntervalMillis() > 0) {
            sysTopics = SysTopics.start(core, scheduler(), config.sysIntervalMillis());
        }
        Map<Endpoint, Integer> ports = new EnumMap<>(Endpoint.class);
        ports.put(Endpoint.TCP, config.port());
        ports.put(Endpoint.WEBSOCKET, config.websocketPort());
        ports.put(Endpoint.TLS, config.tlsPort());
        ports.put(Endpoint.SECURE_WEBSOCKET, config.secureWebsocketPort());
        ports.values().removeIf(port -> port < 0);
        return bind(ports);
    }

    private Future<?> bind(Map<Endpoint, Integer> ports) {
        List<Future<?>> bound = new ArrayList<>();
        ports.forEach((endpoint, port) -> {
            NetServer server = listener(endpoint);
            servers.put(endpoint, server);
            bound.add(server.listen(port, config.host())
                    .onSuccess(s -> boundPorts.put(endpoint, s.actualPort()))
                    .recover(failure -> Future.failedFuture(new IllegalStateException(endpoint.displayName()
                            + " port " + port + ": " + failure.getMessage(), failure))));
        });
        return Future.all(bound);
    }

    private NetServer listener(Endpoint endpoint) {
        Listener listener = new Listener(endpoint, config.maxPacketSize(), config.connectTimeoutMillis(),
                config.maxKeepAliveSeconds(), config.maxInflightMessages(), config.writeTimeoutMillis(),
                config.authenticationMethods(), config.responseInformation(), config.topicAliases());
        NetServerOptions options = new NetServerOptions().setReuseAddress(true).setTcpNoDelay(true);
        if (endpoint.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(config.tls().certificateChainPem()))
                    .setKeyValue(Buffer.buffer(config.tls().privateKeyPem())));
            if (config.trustedClientsPem() != null) {
                options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions()
                        .addCertValue(Buffer.buffer(config.trustedClientsPem())));
            }
        }
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> {
            NetSocketInternal accepted = (NetSocketInternal) socket;
            if (connections.admit(accepted.channelHandlerContext().channel(), endpoint)) {
                new MqttConnection(accepted, core, listener, flushes, outOfMemory).start();
            }
        });
        return server;
    }

    private Scheduler scheduler() {
        return (delayMillis, task) -> {
            long id = vertx.setTimer(Math.max(1, delayMillis), t -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }

    /**
     * @return the port a listener is bound to, or -1 when the broker has no such listener
     */
    public int port(Endpoint endpoint) {
        return boundPorts.getOrDefault(endpoint, -1);
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
        runAndAwait(() -> bind(new EnumMap<>(boundPorts)));
    }

    /**
     * Ends every connection (MQTT 5 clients get DISCONNECT 0x8B, no will is published) and closes the listeners.
     */
    public void close() {
        stopHearingAlarms.run();
        runAndAwait(() -> {
            if (sysTopics != null) {
                sysTopics.stop();
            }
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
        boundPorts.values().forEach(this::awaitReleased);
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
        List<Future<Void>> closed = new ArrayList<>();
        servers.values().forEach(server -> closed.add(server.close()));
        servers.clear();
        return Future.all(closed);
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
