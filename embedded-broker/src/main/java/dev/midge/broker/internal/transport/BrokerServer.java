package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.internal.BrokerConfig;
import dev.midge.broker.internal.BrokerRuntime;
import dev.midge.broker.NetworkConditions;
import dev.midge.broker.Transport;
import dev.midge.broker.internal.Network;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The broker's listeners (TCP, WebSocket, TLS, secure WebSocket) and the connections they accept, on the core's
 * event-loop thread. It is handed the core's owner and serves it; calls from other threads hop onto that thread and
 * wait for the answer.
 */
public final class BrokerServer implements Network {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);
    private static final long PORT_RELEASE_TIMEOUT_MILLIS = 2000;
    /** The event loop frees the socket within microseconds of its next select: a millisecond's nap would dominate. */
    private static final long PORT_RELEASE_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final EventLoopThread thread;
    private final NetworkFaults networkFaults = new NetworkFaults();
    private final BrokerRuntime runtime;
    private final BrokerConfig config;
    private final FlushBatch flushes;
    private final ConnectionTimers timers;
    private final OutOfMemoryGuard outOfMemory = new OutOfMemoryGuard(this::stopAfterOutOfMemory);
    private final Runnable stopHearingAlarms;
    /** Takes what a connection's handling throws, as the thread's handler takes what its tasks throw. */
    private final Consumer<Throwable> unhandled = this::onUnhandled;
    private final Map<Transport, Channel> servers = new EnumMap<>(Transport.class);
    private final Map<Transport, Integer> boundPorts = new EnumMap<>(Transport.class);
    private final List<BridgeClient> bridges = new ArrayList<>();
    private ConnectionBound connections;

    private BrokerServer(EventLoopThread thread, BrokerRuntime runtime, List<Bridge> bridges) {
        this.thread = thread;
        this.runtime = runtime;
        this.config = runtime.config();
        this.timers = ConnectionTimers.of(runtime);
        this.flushes = new FlushBatch(thread.loop(), runtime::commitState);
        bridges.forEach(bridge -> this.bridges.add(new BridgeClient(bridge, runtime, thread.loop(), unhandled)));
        thread.onFailure(this::onUnhandled);
        this.stopHearingAlarms = OutOfMemoryAlarm.listen(error -> thread.execute(() -> outOfMemory.handled(error)));
    }

    private void onUnhandled(Throwable error) {
        if (!outOfMemory.handled(error)) {
            LOG.error("Unhandled failure on the broker's thread", error);
        }
    }

    private void stopAfterOutOfMemory() {
        bridges.forEach(BridgeClient::stop);
        unbind();
        runtime.shutdown();
    }

    /**
     * Starts the core's companions and the listeners, and returns once they accept connections; the bridges start
     * connecting then.
     *
     * @param thread  the event-loop thread the runtime's core is confined to
     * @param runtime the core's owner
     * @param bridges the bridges to upstream brokers
     * @return the running listeners
     */
    public static BrokerServer start(EventLoopThread thread, BrokerRuntime runtime, List<Bridge> bridges) {
        BrokerServer server = new BrokerServer(thread, runtime, bridges);
        try {
            server.runAndAwait(server::listen);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private CompletableFuture<?> listen() {
        connections = new ConnectionBound(runtime.core().memoryBudget(), runtime.events(), runtime.clock());
        try {
            runtime.start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<Transport, Integer> ports = new EnumMap<>(Transport.class);
        ports.put(Transport.TCP, config.port());
        ports.put(Transport.WEBSOCKET, config.websocketPort());
        ports.put(Transport.TLS, config.tlsPort());
        ports.put(Transport.SECURE_WEBSOCKET, config.secureWebsocketPort());
        ports.values().removeIf(port -> port < 0);
        return bind(ports).thenRun(() -> bridges.forEach(BridgeClient::start));
    }

    private CompletableFuture<?> bind(Map<Transport, Integer> ports) {
        SslContext tls;
        try {
            tls = ports.keySet().stream().anyMatch(Transport::tls) ? ServerTls.context(config) : null;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<?>> bound = new ArrayList<>();
        ports.forEach((transport, port) -> bound.add(ClientListener.bind(thread.loop(), config.host(), port,
                        transport.tls() ? tls : null, accepting(transport), outOfMemory)
                .handle((listening, failure) -> {
                    if (failure != null) {
                        throw new IllegalStateException(transport + " port " + port + ": " + failure.getMessage(),
                                failure);
                    }
                    servers.put(transport, listening);
                    boundPorts.put(transport, ClientListener.port(listening));
                    return listening;
                })));
        return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new));
    }

    private Consumer<Channel> accepting(Transport transport) {
        Listener listener = new Listener(transport, config.maxPacketSize(), config.connectTimeoutMillis(),
                config.maxKeepAliveSeconds(), config.maxInflightMessages(), config.writeTimeoutMillis(),
                config.authenticationMethods(), config.responseInformation(), config.topicAliases(), timers);
        return channel -> {
            if (connections.admit(channel, transport)) {
                ChannelPipeline pipeline = channel.pipeline();
                ConnectionTail tail = new ConnectionTail(unhandled);
                pipeline.addLast(ConnectionTail.NAME, tail);
                new MqttConnection(pipeline.context(tail), runtime.core(), listener, flushes, outOfMemory,
                        networkFaults).start(tail);
            }
        };
    }

    @Override
    public NetworkConditions conditions(String clientId) {
        return new TransportNetworkConditions(networkFaults, clientId,
                task -> runAndAwait(() -> {
                    task.run();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    @Override
    public int port(Transport transport) {
        return boundPorts.getOrDefault(transport, -1);
    }

    @Override
    public void suspend() {
        runAndAwait(() -> {
            bridges.forEach(BridgeClient::stop);
            runtime.core().disconnectAll();
            return unbind();
        });
        awaitPortsReleased();
    }

    @Override
    public void resume() {
        runAndAwait(() -> bind(new EnumMap<>(boundPorts)).thenRun(() -> bridges.forEach(BridgeClient::start)));
    }

    @Override
    public void close() {
        stopHearingAlarms.run();
        runAndAwait(() -> {
            bridges.forEach(BridgeClient::stop);
            runtime.shutdown();
            return unbind();
        });
        awaitPortsReleased();
    }

    /**
     * Makes sure, by binding them, that the ports are free again, so that a broker started on them right after finds
     * them free: {@link ClientListener#close} waits for the JDK's selector to let go of a listener's socket, but
     * only the operating system says when the port is free. Waits briefly, and only where the first try fails.
     */
    private void awaitPortsReleased() {
        if (thread.isCurrent()) {
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
                LockSupport.parkNanos(PORT_RELEASE_POLL_NANOS);
            }
        }
    }

    private CompletableFuture<?> unbind() {
        CompletableFuture<?>[] closed = servers.values().stream().map(ClientListener::close)
                .toArray(CompletableFuture[]::new);
        servers.clear();
        return CompletableFuture.allOf(closed);
    }

    /**
     * Runs the action on the broker's thread, and, called from another thread, waits until what it started is done.
     */
    private void runAndAwait(Supplier<CompletableFuture<?>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> action.get().whenComplete((result, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }));
        if (!thread.isCurrent()) {
            BrokerRuntime.await(done);
        }
    }
}
