package dev.midge.junit.internal;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DeliveryFault;
import dev.midge.broker.NetworkConditions;
import dev.midge.junit.Faults;

import java.time.Duration;

/**
 * Fault injection on an embedded broker, the one running now after a restart.
 */
final class EmbeddedFaults implements Faults {

    private final EmbeddedBrokerHandle handle;
    private boolean down;

    EmbeddedFaults(EmbeddedBrokerHandle handle) {
        this.handle = handle;
    }

    @Override
    public void dropConnection(String clientId) {
        if (!handle.broker().dropConnection(clientId)) {
            throw new AssertionError("Cannot drop the connection of client '" + clientId + "': it is not connected."
                    + " Connected clients: " + handle.broker().connectedClients());
        }
    }

    @Override
    public void takeBrokerDown() {
        if (!down) {
            handle.broker().suspend();
            down = true;
        }
    }

    @Override
    public void bringBrokerBack() {
        if (down) {
            handle.broker().resume();
            down = false;
        }
    }

    @Override
    public void refuseNextConnects(ConnectCode code, int count) {
        handle.broker().refuseNextConnects(code, count);
    }

    @Override
    public void dropDeliveriesTo(String clientId, Duration period) {
        handle.broker().injectDeliveryFault(DeliveryFault.dropTo(clientId), period);
    }

    @Override
    public void dropDeliveriesOn(String topicFilter, Duration period) {
        handle.broker().injectDeliveryFault(DeliveryFault.dropOn(topicFilter), period);
    }

    @Override
    public void delayDeliveriesTo(String clientId, Duration delay, Duration period) {
        handle.broker().injectDeliveryFault(DeliveryFault.delayTo(clientId, delay), period);
    }

    @Override
    public void delayDeliveriesOn(String topicFilter, Duration delay, Duration period) {
        handle.broker().injectDeliveryFault(DeliveryFault.delayOn(topicFilter, delay), period);
    }

    @Override
    public NetworkConditions network(String clientId) {
        return handle.broker().network(clientId);
    }

    @Override
    public NetworkConditions network() {
        return handle.broker().network();
    }

    @Override
    public void crashBroker() {
        down = false;
        handle.crash();
    }

    @Override
    public void restartBroker() {
        handle.restart();
    }

    /**
     * Ends every fault: restarts the broker if it crashed, brings it back if it is down, clears injected delivery
     * faults, heals the network.
     */
    void end() {
        handle.restart();
        bringBrokerBack();
        handle.broker().clearFaults();
    }
}
