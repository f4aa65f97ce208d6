package dev.midge.broker;

import dev.midge.broker.internal.BrokerRuntime;
import dev.midge.broker.internal.Network;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A running MQTT broker (3.1, 3.1.1 and 5.0) inside this JVM.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder().port(0).start()) {
 *     String uri = broker.uri().toString();   // tcp://127.0.0.1:<free port>
 *     broker.events().subscribe(System.out::println);
 * }
 * }</pre>
 *
 * <p>All broker state lives on one event-loop thread; the methods here may be called from any thread and wait for
 * that thread to answer. Several brokers in one JVM are independent of each other.
 */
public final class Broker implements AutoCloseable {

    private final BrokerRuntime runtime;
    private final Network network;
    private final Addresses addresses;
    private volatile boolean closed;

    Broker(BrokerRuntime runtime, Addresses addresses) {
        this.runtime = runtime;
        this.network = addresses.network();
        this.addresses = addresses;
    }

    /**
     * @return a builder with the defaults described there
     */
    public static BrokerBuilder builder() {
        return new BrokerBuilder();
    }

    /**
     * @return the TCP port the broker listens on (the real one when 0 was asked for)
     */
    public int port() {
        return network.port(Transport.TCP);
    }

    /**
     * @return the WebSocket port
     * @throws IllegalStateException when the broker was built without {@link BrokerBuilder#websocketPort(int)}
     */
    public int websocketPort() {
        return addresses.port(Transport.WEBSOCKET, "websocketPort(0)");
    }

    /**
     * @return the TLS port
     * @throws IllegalStateException when the broker was built without {@link BrokerBuilder#tlsPort(int)}
     */
    public int tlsPort() {
        return addresses.port(Transport.TLS, "tlsPort(0)");
    }

    /**
     * @return the secure WebSocket port
     * @throws IllegalStateException when the broker was built without {@link BrokerBuilder#secureWebsocketPort(int)}
     */
    public int secureWebsocketPort() {
        return addresses.port(Transport.SECURE_WEBSOCKET, "secureWebsocketPort(0)");
    }

    /**
     * @return the address the broker listens on
     */
    public String host() {
        return addresses.host();
    }

    /**
     * @return {@code tcp://host:port}, as Eclipse Paho and most clients take it
     */
    public URI uri() {
        return addresses.uri("tcp", port(), "");
    }

    /**
     * @return {@code ws://host:port/mqtt}
     * @throws IllegalStateException when the broker has no WebSocket listener
     */
    public URI websocketUri() {
        return addresses.uri("ws", websocketPort(), "/mqtt");
    }

    /**
     * @return {@code ssl://host:port}, as Eclipse Paho takes it
     * @throws IllegalStateException when the broker has no TLS listener
     */
    public URI tlsUri() {
        return addresses.uri("ssl", tlsPort(), "");
    }

    /**
     * @return {@code wss://host:port/mqtt}
     * @throws IllegalStateException when the broker has no secure WebSocket listener
     */
    public URI secureWebsocketUri() {
        return addresses.uri("wss", secureWebsocketPort(), "/mqtt");
    }

    /**
     * @return the certificate the TLS listeners present, and the means for clients to trust it
     * @throws IllegalStateException when the broker has neither a TLS nor a secure WebSocket listener
     */
    public BrokerCertificate certificate() {
        return addresses.certificate();
    }

    /**
     * @return the stream of everything the broker does
     */
    public BrokerEvents events() {
        return runtime.events();
    }

    /**
     * Publishes a message from the broker itself, as if a client had published it.
     *
     * @param message the message
     * @return how many sessions it was routed to
     */
    public int publish(Message message) {
        checkTopic(message.topic());
        return runtime.call(core -> core.publish(message));
    }

    private static void checkTopic(String topic) {
        String problem = Topics.checkTopicName(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * @return the identifiers of the clients connected now
     */
    public List<String> connectedClients() {
        return runtime.call(core -> core.inventory().connectedClients());
    }

    /**
     * @return a consistent snapshot of what the broker holds and its totals since it started
     */
    public BrokerStatistics statistics() {
        return runtime.call(core -> core.inventory().statistics());
    }

    /**
     * @return every subscription of every session, connected or not
     */
    public List<SubscriptionInfo> subscriptions() {
        return runtime.call(core -> core.inventory().subscriptions());
    }

    /**
     * @return the retained messages, one per topic
     */
    public List<Message> retainedMessages() {
        return runtime.call(core -> core.inventory().retainedMessages());
    }

    /**
     * Removes every retained message.
     */
    public void clearRetainedMessages() {
        runtime.run(core -> core.inventory().clearRetained());
    }

    /**
     * Cuts a client's connection abruptly, as a network failure would: no DISCONNECT is sent and its will is
     * published.
     *
     * @param clientId the client
     * @return whether the client was connected
     */
    public boolean dropConnection(String clientId) {
        return runtime.call(core -> core.faults().drop(clientId));
    }

    /**
     * Refuses the next CONNECTs with a code, whatever the client presents.
     *
     * @param code  the code to answer in CONNACK
     * @param count how many CONNECTs to refuse
     */
    public void refuseNextConnects(ConnectCode code, int count) {
        if (code.isAccepted()) {
            throw new IllegalArgumentException("Pass a refusal code, not ACCEPTED");
        }
        runtime.run(core -> core.faults().refuseNextConnects(code, count));
    }

    /**
     * Ends every session: connected clients are disconnected (no will is published) and every subscription, queued
     * message and pending will is forgotten. Retained messages stay.
     */
    public void clearSessions() {
        runtime.run(core -> core.inventory().clearSessions());
    }

    /**
     * Drops or delays matching deliveries, as a lossy or slow network would, until the returned registration is
     * closed or the period ends.
     *
     * @param fault  which deliveries, and what happens to them
     * @param period how long the fault lasts; {@code null} or zero for until the registration is closed
     * @return a handle whose {@code close()} ends the fault
     */
    public BrokerEvents.Registration injectDeliveryFault(DeliveryFault fault, Duration period) {
        long millis = period == null ? 0 : Math.max(0, period.toMillis());
        runtime.run(core -> core.faults().add(fault, millis));
        return () -> runtime.run(core -> core.faults().remove(fault));
    }

    /**
     * Ends every injected delivery fault, forgets CONNECT refusals not used yet and heals the network of every
     * connection and client ({@link #network()}, {@link #network(String)}).
     */
    public void clearFaults() {
        runtime.run(core -> core.faults().clear());
        network.conditions(null).heal();
    }

    /**
     * Network faults for one client, made in the broker's own transport: silence, half-open, latency, lost
     * packets, reset; see {@link NetworkConditions}.
     *
     * @param clientId the client, whether connected now or later
     * @return its network conditions
     */
    public NetworkConditions network(String clientId) {
        return network.conditions(Objects.requireNonNull(clientId, "clientId"));
    }

    /**
     * Network faults for every connection, present and future; see {@link NetworkConditions}.
     *
     * @return the conditions of every connection
     */
    public NetworkConditions network() {
        return network.conditions(null);
    }

    /**
     * @return the broker's clock, which stands still until the test moves it
     * @throws IllegalStateException when the broker was not built with {@link BrokerBuilder#virtualTime()}
     */
    public VirtualTime virtualTime() {
        VirtualTime time = runtime.virtualTime();
        if (time == null) {
            throw new IllegalStateException("This broker runs on real time: build it with virtualTime() to move its "
                    + "clock yourself");
        }
        return time;
    }

    /**
     * Stops the broker as a crash of its process would ({@code kill -9}): nothing more is written to its persistence
     * store, every connection is cut without a DISCONNECT and without wills, and what it held only in memory is
     * lost. A broker started again on the same store ({@link BrokerBuilder#persistence}) resumes with what the store
     * kept: every acknowledged message under the default durability. The broker is closed afterwards.
     */
    public void crash() {
        if (closed) {
            return;
        }
        runtime.run(core -> runtime.freezeState());
        network.suspend();
        close();
    }

    /**
     * Takes the broker off the network as an outage would: every connection ends without wills (MQTT 5 clients
     * are told the server is shutting down), bridges to upstream brokers included, and nothing is accepted until
     * {@link #resume()}, which starts the bridges again. Sessions, queued messages and retained messages are kept, as
     * a broker with persistence keeps them across a restart.
     */
    public void suspend() {
        network.suspend();
    }

    /**
     * Brings a suspended broker back on the same ports.
     *
     * @throws IllegalStateException when a port was taken in the meantime
     */
    public void resume() {
        network.resume();
    }

    /**
     * @return whether {@link #close()} has been called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the broker: MQTT 5 clients receive DISCONNECT "server shutting down", every connection is closed, no
     * will is published, and the ports are released. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.close();
        }
    }

    @Override
    public String toString() {
        return "Broker[" + addresses.host() + ":" + (closed ? "closed" : String.valueOf(port())) + "]";
    }
}
