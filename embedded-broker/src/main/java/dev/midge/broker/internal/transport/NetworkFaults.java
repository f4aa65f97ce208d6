package dev.midge.broker.internal.transport;

import io.netty.channel.ChannelPipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The network conditions a test has set, for every connection and per client id, and the connections they apply
 * to. A condition for a client reaches its connection once CONNECT names it.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class NetworkFaults {

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
    private final Set<NetworkFaultHandler> connections = new HashSet<>();
    private boolean active;

    /** @return a handler for a new connection, under the conditions for every connection */
    NetworkFaultHandler attach() {
        NetworkFaultHandler handler = new NetworkFaultHandler(this);
        connections.add(handler);
        return handler;
    }

    void detach(NetworkFaultHandler handler) {
        connections.remove(handler);
    }

    /** The connection's CONNECT named this client: its conditions apply from now on. */
    static void identified(ChannelPipeline pipeline, String clientId) {
        NetworkFaultHandler handler = pipeline.get(NetworkFaultHandler.class);
        if (handler != null) {
            handler.identified(clientId);
        }
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

    /** Lets every connection act on what changed. */
    void changed() {
        for (NetworkFaultHandler handler : Set.copyOf(connections)) {
            handler.reconsider();
        }
    }

    /** @param clientId the client, or null for every connection */
    void reset(String clientId) {
        for (NetworkFaultHandler handler : Set.copyOf(connections)) {
            if (clientId == null || clientId.equals(handler.clientId())) {
                handler.reset();
            }
        }
    }
}
