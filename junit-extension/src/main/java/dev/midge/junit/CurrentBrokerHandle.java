package dev.midge.junit;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerCertificate;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.broker.VirtualTime;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What makes a registered {@link MidgeExtension} a {@link BrokerHandle}: every call goes to the broker of the test
 * that runs now, set by the extension as each test starts.
 */
abstract class CurrentBrokerHandle implements BrokerHandle {

    private volatile BrokerHandle current;

    /**
     * @param handle the broker of the test that runs now
     */
    final void setCurrent(BrokerHandle handle) {
        current = handle;
    }

    private BrokerHandle current() {
        BrokerHandle handle = current;
        if (handle == null) {
            throw new IllegalStateException("The broker starts before the first test (static field) or before each"
                    + " test (instance field): use it from a test or lifecycle method");
        }
        return handle;
    }

    @Override
    public Duration assertionTimeout() {
        return current().assertionTimeout();
    }

    @Override
    public URI uri() {
        return current().uri();
    }

    @Override
    public URI websocketUri() {
        return current().websocketUri();
    }

    @Override
    public URI tlsUri() {
        return current().tlsUri();
    }

    @Override
    public URI secureWebsocketUri() {
        return current().secureWebsocketUri();
    }

    @Override
    public BrokerCertificate certificate() {
        return current().certificate();
    }

    @Override
    public String host() {
        return current().host();
    }

    @Override
    public int port() {
        return current().port();
    }

    @Override
    public boolean isExternal() {
        return current().isExternal();
    }

    @Override
    public Broker broker() {
        return current().broker();
    }

    @Override
    public void publish(Message message) {
        current().publish(message);
    }

    @Override
    public Recording recording() {
        return current().recording();
    }

    @Override
    public List<String> connectedClients() {
        return current().connectedClients();
    }

    @Override
    public List<SubscriptionInfo> subscriptions() {
        return current().subscriptions();
    }

    @Override
    public List<Message> retainedMessages() {
        return current().retainedMessages();
    }

    @Override
    public Faults faults() {
        return current().faults();
    }

    @Override
    public VirtualTime virtualTime() {
        return current().virtualTime();
    }
}
