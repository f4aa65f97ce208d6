package dev.midge.broker.internal;

import dev.midge.broker.DeliveryFault;
import dev.midge.broker.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * The delivery faults a test has injected, checked for every delivery while any is active.
 *
 * <p>Runs on the broker's thread.
 */
final class DeliveryFaults {

    private final List<DeliveryFault> active = new ArrayList<>();

    void add(DeliveryFault fault) {
        active.add(fault);
    }

    void remove(DeliveryFault fault) {
        active.remove(fault);
    }

    void clear() {
        active.clear();
    }

    /**
     * @return the first fault that applies to a delivery, or null
     */
    DeliveryFault match(String clientId, String topic) {
        if (active.isEmpty()) {
            return null;
        }
        for (DeliveryFault fault : active) {
            boolean client = fault.clientId() == null || fault.clientId().equals(clientId);
            boolean topicMatches = fault.topicFilter() == null || Topics.matches(fault.topicFilter(), topic);
            if (client && topicMatches) {
                return fault;
            }
        }
        return null;
    }
}
