package dev.midge.broker.internal.transport;

import dev.midge.broker.NetworkConditions;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link NetworkConditions} for one client or every connection, applied on the broker's thread.
 *
 * <p>May be called from any thread; each call returns once the condition is in force.
 */
final class TransportNetworkConditions implements NetworkConditions {

    private final NetworkFaults faults;
    private final String clientId;
    private final Consumer<Runnable> onBrokerThread;

    /**
     * @param faults         the broker's network faults
     * @param clientId       the client, or null for every connection
     * @param onBrokerThread runs a task on the broker's thread and returns once it has run
     */
    TransportNetworkConditions(NetworkFaults faults, String clientId, Consumer<Runnable> onBrokerThread) {
        this.faults = faults;
        this.clientId = clientId;
        this.onBrokerThread = onBrokerThread;
    }

    @Override
    public NetworkConditions silence() {
        return change(conditions -> conditions.silenced = true);
    }

    @Override
    public NetworkConditions halfOpen() {
        return change(conditions -> conditions.halfOpen = true);
    }

    @Override
    public NetworkConditions latency(Duration oneWay) {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + oneWay);
        }
        return change(conditions -> conditions.latencyNanos = oneWay.toNanos());
    }

    @Override
    public NetworkConditions bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth needs at least 1 byte per second, not " + bytesPerSecond
                    + ": heal() lifts the cap");
        }
        return change(conditions -> conditions.bytesPerSecond = bytesPerSecond);
    }

    @Override
    public NetworkConditions dropPacketsFromClient(int count) {
        return change(conditions -> conditions.dropFromClient = requirePositive(count));
    }

    @Override
    public NetworkConditions dropPacketsToClient(int count) {
        return change(conditions -> conditions.dropToClient = requirePositive(count));
    }

    @Override
    public void reset() {
        onBrokerThread.accept(() -> faults.reset(clientId));
    }

    @Override
    public void heal() {
        onBrokerThread.accept(() -> faults.heal(clientId));
    }

    private NetworkConditions change(Consumer<NetworkFaults.Conditions> change) {
        onBrokerThread.accept(() -> {
            change.accept(faults.target(clientId));
            faults.changed();
        });
        return this;
    }

    private static int requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the count of packets to drop must be at least 1, not " + count);
        }
        return count;
    }

    @Override
    public String toString() {
        return "network conditions for " + Objects.requireNonNullElse(clientId, "every connection");
    }
}
