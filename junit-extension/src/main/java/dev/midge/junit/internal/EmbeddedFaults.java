package dev.midge.junit.internal;

import dev.midge.broker.Broker;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DeliveryFault;
import dev.midge.broker.NetworkConditions;
import dev.midge.junit.Faults;

import java.time.Duration;

/**
 * Fault injection on an embedded broker.
 */
final class EmbeddedFaults implements Faults {

    private final Broker broker;
    private boolean down;

    EmbeddedFaults(Broker broker) {
        this.broker = broker;
    }

    @Override
    public void dropConnection(String clientId) {
        if (!broker.dropConnection(clientId)) {
            throw new AssertionError("Cannot drop the connection of client '" + clientId + "': it is not connected."
                    + " Connected clients: " + broker.connectedClients());
        }
    }

    @Override
    public void takeBrokerDown() {
        if (!down) {
            broker.suspend();
            down = true;
        }
    }

    @Override
    public void bringBrokerBack() {
        if (down) {
            broker.resume();
            down = false;
        }
    }

    @Override
    public void refuseNextConnects(ConnectCode code, int count) {
        broker.refuseNextConnects(code, count);
    }

    @Override
    public void dropDeliveriesTo(String clientId, Duration period) {
        broker.injectDeliveryFault(DeliveryFault.dropTo(clientId), period);
    }

    @Override
    public void dropDeliveriesOn(String topicFilter, Duration period) {
        broker.injectDeliveryFault(DeliveryFault.dropOn(topicFilter), period);
    }

    @Override
    public void delayDeliveriesTo(String clientId, Duration delay, Duration period) {
        broker.injectDeliveryFault(DeliveryFault.delayTo(clientId, delay), period);
    }

    @Override
    public void delayDeliveriesOn(String topicFilter, Duration delay, Duration period) {
        broker.injectDeliveryFault(DeliveryFault.delayOn(topicFilter, delay), period);
    }

    @Override
    public NetworkConditions network(String clientId) {
        return broker.network(clientId);
    }

    @Override
    public NetworkConditions network() {
        return broker.network();
    }

    /** Ends every fault: brings the broker back if it is down, clears injected delivery faults, heals the network. */
    void end() {
        bringBrokerBack();
        broker.clearFaults();
    }
}
