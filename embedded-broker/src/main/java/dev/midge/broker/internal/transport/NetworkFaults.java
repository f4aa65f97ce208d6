package dev.midge.broker.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The network conditions a test has set, for every connection and per client id, and the connections they apply
 * to. A condition for a client reaches its connection once CONNECT names it.
 *
 * <p>A connection gets its {@link NetworkFaultHandler} when the first condition is set, or as it starts if one is set
 * already: a broker whose network no test makes faulty spends nothing on it per connection.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class NetworkFaults {

    /** Fired from a connection's {@link NetworkFaultHandler} towards the connection, whose read timeout follows it. */
    enum Hearing {
        /** The broker has started or stopped hearing the client. */
        CHANGED
    }

    /** What the faults need of a connection: where their handler goes, and the client it serves. */
    interface Connection {

        /** @return the connection's pipeline */
        ChannelPipeline pipeline();

        /** @return the client identifier its CONNECT named, or null before it was accepted */
        String clientId();
    }

    /** One target's conditions. Dropping counts down across the target's connections. */
    static final class Conditions {
        boolean silenced;
        boolean halfOpen;
        long latencyNanos;
        long bytesPerSecond;
        int dropFromClient;
        int dropToClient;

        boolean holdsInput() {
            return silenced || halfOpen;
        }
    }

    private Conditions everyone = new Conditions();
    private final Map<String, Conditions> byClient = new HashMap<>();
    /** By identity: no entry object per connection. */
    private final Set<Connection> connections = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean active;

    /** A new connection, its pipeline made: under the conditions for every connection, if any. */
    void attach(Connection connection) {
        connections.add(connection);
        if (active) {
            handler(connection);
        }
    }

    /** The connection has closed. */
    void detach(Connection connection) {
        connections.remove(connection);
    }

    /** The connection's CONNECT named its client: that client's conditions apply from now on. */
    static void identified(ChannelPipeline pipeline) {
        NetworkFaultHandler handler = pipeline.get(NetworkFaultHandler.class);
        if (handler != null) {
            handler.reconsider();
        }
    }

    /** @return whether the broker hears what the client sends now, as no fault holds it back */
    static boolean hears(ChannelPipeline pipeline) {
        NetworkFaultHandler handler = pipeline.get(NetworkFaultHandler.class);
        return handler == null || handler.hears();
    }

    private NetworkFaultHandler handler(Connection connection) {
        ChannelPipeline pipeline = connection.pipeline();
        NetworkFaultHandler handler = pipeline.get(NetworkFaultHandler.class);
        if (handler == null && pipeline.channel().isActive()) {
            handler = new NetworkFaultHandler(this, connection);
            Pipelines.networkFaults(pipeline, handler);
        }
        return handler;
    }

    Conditions everyone() {
        return everyone;
    }

    /** @return the conditions of a client, or null when none were set */
    Conditions of(String clientId) {
        return clientId == null ? null : byClient.get(clientId);
    }

    /** @return whether any condition was set since the last heal of every connection: packets pass at once if not */
    boolean active() {
        return active;
    }

    /** @param clientId the client, or null for every connection */
    Conditions target(String clientId) {
        active = true;
        return clientId == null ? everyone : byClient.computeIfAbsent(clientId, id -> new Conditions());
    }

    /** @param clientId the client, or null for every connection */
    void heal(String clientId) {
        if (clientId == null) {
            byClient.clear();
            everyone = new Conditions();
            active = false;
        } else {
            byClient.remove(clientId);
        }
        changed();
    }

    /** Lets every connection act on what changed; one that has no handler yet gets it now a condition is set. */
    void changed() {
        for (Connection connection : Set.copyOf(connections)) {
            NetworkFaultHandler handler = active ? handler(connection)
                    : connection.pipeline().get(NetworkFaultHandler.class);
            if (handler != null) {
                handler.reconsider();
            }
        }
    }

    /** @param clientId the client, or null for every connection */
    void reset(String clientId) {
        for (Connection connection : Set.copyOf(connections)) {
            Channel channel = connection.pipeline().channel();
            if ((clientId == null || clientId.equals(connection.clientId())) && channel.isActive()) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.unsafe().close(channel.voidPromise());
            }
        }
    }
}
