package dev.midge.junit.internal;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerCertificate;
import dev.midge.broker.BrokerEvents;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.broker.VirtualTime;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.Faults;
import dev.midge.junit.Recording;
import dev.midge.junit.Reset;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A handle on an embedded broker that records its events from the moment it starts.
 */
public final class EmbeddedBrokerHandle implements BrokerHandle, AutoCloseable {

    private final Recording recording = new Recording();
    private final EmbeddedFaults faults = new EmbeddedFaults(this);
    private final BrokerLauncher launcher;
    private final Duration assertionTimeout;
    private volatile Broker broker;
    private boolean crashed;
    private BrokerEvents.Registration listening;

    /**
     * @param broker a running broker, closed with this handle; it cannot be restarted after a crash
     */
    public EmbeddedBrokerHandle(Broker broker) {
        this.launcher = null;
        this.assertionTimeout = MidgeConfiguration.DEFAULT_ASSERTION_TIMEOUT;
        attach(broker);
    }

    /**
     * @param launcher         starts the broker, and again after a crash; closed with this handle
     * @param assertionTimeout how long assertions on this broker wait by default
     */
    public EmbeddedBrokerHandle(BrokerLauncher launcher, Duration assertionTimeout) {
        this.launcher = launcher;
        this.assertionTimeout = assertionTimeout;
        attach(launcher.start());
    }

    private void attach(Broker started) {
        broker = started;
        listening = started.events().subscribe(recording::record);
    }

    /** Crashes the broker, as {@link dev.midge.junit.Faults#crashBroker()} describes. */
    synchronized void crash() {
        if (!crashed) {
            crashed = true;
            broker.crash();
            listening.close();
        }
    }

    /** Starts a crashed broker again on its ports and store; does nothing when it has not crashed. */
    synchronized void restart() {
        if (!crashed) {
            return;
        }
        if (launcher == null) {
            throw new UnsupportedOperationException("This broker was started outside the extension, which cannot "
                    + "start it again: use @MqttBroker or MidgeExtension.builder()");
        }
        attach(launcher.restart(broker));
        crashed = false;
    }

    @Override
    public Duration assertionTimeout() {
        return assertionTimeout;
    }

    @Override
    public URI uri() {
        return broker.uri();
    }

    @Override
    public URI websocketUri() {
        return withListener(broker::websocketUri, "WebSocket", "websocket = true", "websocket(true)");
    }

    @Override
    public URI tlsUri() {
        return withListener(broker::tlsUri, "TLS", "tls = true", "tls(true)");
    }

    @Override
    public URI secureWebsocketUri() {
        return withListener(broker::secureWebsocketUri, "secure WebSocket", "tls = true, websocket = true",
                "tls(true).websocket(true)");
    }

    @Override
    public BrokerCertificate certificate() {
        return withListener(broker::certificate, "TLS", "tls = true", "tls(true)");
    }

    /** Says what to write on the test, where the broker itself would say what to call on its builder. */
    private static <T> T withListener(Supplier<T> address, String listener, String attributes, String builderCalls) {
        try {
            return address.get();
        } catch (IllegalStateException missing) {
            throw new IllegalStateException("This broker has no " + listener + " listener: write @MqttBroker("
                    + attributes + ") or MidgeExtension.builder()." + builderCalls, missing);
        }
    }

    @Override
    public String host() {
        return broker.host();
    }

    @Override
    public int port() {
        return broker.port();
    }

    @Override
    public boolean isExternal() {
        return false;
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public void publish(Message message) {
        broker.publish(message);
    }

    @Override
    public Recording recording() {
        return recording;
    }

    @Override
    public List<String> connectedClients() {
        return broker.connectedClients();
    }

    @Override
    public List<SubscriptionInfo> subscriptions() {
        return broker.subscriptions();
    }

    @Override
    public List<Message> retainedMessages() {
        return broker.retainedMessages();
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public VirtualTime virtualTime() {
        try {
            return broker.virtualTime();
        } catch (IllegalStateException realTime) {
            throw new IllegalStateException("This broker runs on real time: write @MqttBroker(virtualTime = true), "
                    + "or MidgeExtension.builder().virtualTime(true), to move its clock yourself", realTime);
        }
    }

    /**
     * Prepares the shared broker for the next test.
     *
     * @param what what to clear
     */
    public void reset(Set<Reset> what) {
        if (what.contains(Reset.FAULTS)) {
            faults.end();
        }
        if (what.contains(Reset.SESSIONS)) {
            broker.clearSessions();
        }
        if (what.contains(Reset.RETAINED_MESSAGES)) {
            broker.clearRetainedMessages();
        }
        if (what.contains(Reset.RECORDING)) {
            recording.clear();
        }
    }

    @Override
    public void close() {
        listening.close();
        broker.close();
        if (launcher != null) {
            launcher.close();
        }
    }

    @Override
    public String toString() {
        return "embedded broker at " + broker.uri();
    }
}
