package dev.midge.junit.internal;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.NetworkConditions;
import dev.midge.junit.Faults;

import java.time.Duration;

/**
 * Fault injection where it cannot work (against an external broker): every call fails with the same explanation.
 */
final class UnavailableFaults implements Faults {

    private final String why;

    UnavailableFaults(String why) {
        this.why = why;
    }

    private UnsupportedOperationException unavailable() {
        return new UnsupportedOperationException(why);
    }

    @Override
    public void dropConnection(String clientId) {
        throw unavailable();
    }

    @Override
    public void takeBrokerDown() {
        throw unavailable();
    }

    @Override
    public void bringBrokerBack() {
        throw unavailable();
    }

    @Override
    public void crashBroker() {
        throw unavailable();
    }

    @Override
    public void restartBroker() {
        throw unavailable();
    }

    @Override
    public void refuseNextConnects(ConnectCode code, int count) {
        throw unavailable();
    }

    @Override
    public void dropDeliveriesTo(String clientId, Duration period) {
        throw unavailable();
    }

    @Override
    public void dropDeliveriesOn(String topicFilter, Duration period) {
        throw unavailable();
    }

    @Override
    public void delayDeliveriesTo(String clientId, Duration delay, Duration period) {
        throw unavailable();
    }

    @Override
    public void delayDeliveriesOn(String topicFilter, Duration delay, Duration period) {
        throw unavailable();
    }

    @Override
    public NetworkConditions network(String clientId) {
        throw unavailable();
    }

    @Override
    public NetworkConditions network() {
        throw unavailable();
    }
}
