package dev.midge.junit.internal;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvents;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.Faults;
import dev.midge.junit.Recording;
import dev.midge.junit.Reset;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A handle on an embedded broker that records its events from the moment it starts.
 */
public final class EmbeddedBrokerHandle implements BrokerHandle, AutoCloseable {

    private final Broker broker;
    private final Recording recording = new Recording();
    private final BrokerEvents.Registration listening;
    private final EmbeddedFaults faults;
    private final boolean websocket;

    /**
     * @param broker    a running broker, closed with this handle
     * @param websocket whether it was started with a WebSocket listener
     */
    public EmbeddedBrokerHandle(Broker broker, boolean websocket) {
        this.broker = broker;
        this.websocket = websocket;
        this.listening = broker.events().subscribe(recording::record);
        this.faults = new EmbeddedFaults(broker);
    }

    @Override
    public URI uri() {
        return broker.uri();
    }

    @Override
    public URI websocketUri() {
        if (!websocket) {
            throw new IllegalStateException("This broker has no WebSocket listener: write @MqttBroker(websocket = true)"
                    + " or MidgeExtension.builder().websocket(true)");
        }
        return broker.websocketUri();
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
    }

    @Override
    public String toString() {
        return "embedded broker at " + broker.uri();
    }
}
