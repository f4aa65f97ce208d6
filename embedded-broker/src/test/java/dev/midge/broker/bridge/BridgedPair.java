package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeBuilder;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.PahoClients;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * An edge broker bridged to an upstream broker, both in this JVM on free loopback ports, with Paho clients on each;
 * {@link #close()} closes them all.
 */
final class BridgedPair implements AutoCloseable {

    static final String BRIDGE = "cloud";
    static final String REMOTE_CLIENT_ID = "edge-bridge";
    static final String LOCAL_CLIENT_ID = "local." + REMOTE_CLIENT_ID;
    static final String STATE_TOPIC = "$SYS/broker/connection/" + BRIDGE + "/state";
    /** Short waits between attempts, so that a test sees several of them. */
    static final Duration RESTART = Duration.ofMillis(50);

    private Broker upstream;
    private Broker edge;
    private PahoClients upstreamClients;
    private PahoClients edgeClients;
    private EventRecorder upstreamEvents;

    /**
     * Starts a plain upstream and an edge bridged to it over TCP, and waits until the bridge is connected and
     * subscribed upstream.
     */
    void start(UnaryOperator<BridgeBuilder> configure) {
        startUpstream(b -> b);
        Bridge bridge = configure.apply(bridgeTo("127.0.0.1:" + upstream.port())).build();
        startEdge(bridge, b -> b);
        awaitConnected(bridge);
    }

    /** @return a bridge builder with this pair's names and short restart waits */
    static BridgeBuilder bridgeTo(String address) {
        return Bridge.builder(BRIDGE, address).remoteClientId(REMOTE_CLIENT_ID).restartTimeout(RESTART);
    }

    Broker startUpstream(UnaryOperator<BrokerBuilder> configure) {
        upstream = configure.apply(Broker.builder().port(0)).start();
        upstreamEvents = EventRecorder.on(upstream);
        upstreamClients = new PahoClients(upstream.uri());
        return upstream;
    }

    Broker startEdge(Bridge bridge, UnaryOperator<BrokerBuilder> configure) {
        return startEdge(b -> configure.apply(b.bridge(bridge)));
    }

    /** Starts the edge, whose bridge the configuration names. */
    Broker startEdge(UnaryOperator<BrokerBuilder> configure) {
        edge = configure.apply(Broker.builder().port(0)).start();
        edgeClients = new PahoClients(edge.uri());
        return edge;
    }

    /** Waits until the bridge says it is connected and, with inbound topics, has subscribed upstream. */
    void awaitConnected(Bridge bridge) {
        awaitConnected(bridge.topics().stream().anyMatch(t -> t.direction().inbound()));
    }

    /** Waits until the bridge {@link #REMOTE_CLIENT_ID} is connected and, if it has inbound topics, subscribed. */
    void awaitConnected(boolean inbound) {
        awaitState("1");
        if (inbound) {
            Await.until("the bridge subscribed upstream", () -> upstream.subscriptions().stream()
                    .anyMatch(s -> s.clientId().equals(REMOTE_CLIENT_ID)));
        }
    }

    void awaitState(String state) {
        Await.until("the bridge's state is " + state, () -> edge.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals(STATE_TOPIC) && m.payloadAsString().equals(state)));
    }

    void awaitRetainedUpstream(String topic, String payload) {
        Await.until(topic + " retained upstream", () -> upstream.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals(topic) && m.payloadAsString().equals(payload)));
    }

    void awaitRetainedOnEdge(String topic, String payload) {
        Await.until(topic + " retained on the edge", () -> edge.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals(topic) && m.payloadAsString().equals(payload)));
    }

    Broker edge() {
        return edge;
    }

    Broker upstream() {
        return upstream;
    }

    /** @return what the upstream did since it started */
    EventRecorder upstreamEvents() {
        return upstreamEvents;
    }

    PahoClients edgeClients() {
        return edgeClients;
    }

    PahoClients upstreamClients() {
        return upstreamClients;
    }

    @Override
    public void close() {
        if (edgeClients != null) {
            edgeClients.close();
        }
        if (upstreamClients != null) {
            upstreamClients.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (upstreamEvents != null) {
            upstreamEvents.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }
}
