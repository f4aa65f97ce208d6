package dev.midge.broker.internal;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.DeliveryFault;

/**
 * The faults a test injects into the core: CONNECT refusals, cut connections, dropped or delayed deliveries.
 *
 * <p>Used on the broker's thread only, like the core.
 */
public final class CoreFaults {

    private final ConnectDecision connects;
    private final SessionStore sessions;
    private final DeliveryFaults deliveries;
    private final Scheduler scheduler;

    CoreFaults(ConnectDecision connects, SessionStore sessions, DeliveryFaults deliveries, Scheduler scheduler) {
        this.connects = connects;
        this.sessions = sessions;
        this.deliveries = deliveries;
        this.scheduler = scheduler;
    }

    /**
     * Answers the next CONNECTs with a code, whatever they present.
     *
     * @param code  the code
     * @param count how many CONNECTs
     */
    public void refuseNextConnects(ConnectCode code, int count) {
        connects.refuseNext(code, count);
    }

    /**
     * Closes a client's connection abruptly, as a network failure would: its will is published.
     *
     * @return whether the client was connected
     */
    public boolean drop(String clientId) {
        return sessions.drop(clientId);
    }

    /**
     * Starts applying a delivery fault, until {@link #remove} or the period ends.
     *
     * @param periodMillis how long the fault lasts, 0 for until removed
     */
    public void add(DeliveryFault fault, long periodMillis) {
        deliveries.add(fault);
        if (periodMillis > 0) {
            scheduler.schedule(periodMillis, () -> deliveries.remove(fault));
        }
    }

    /** Stops applying a delivery fault. */
    public void remove(DeliveryFault fault) {
        deliveries.remove(fault);
    }

    /** Stops applying every delivery fault and forgets pending forced CONNECT refusals. */
    public void clear() {
        deliveries.clear();
        connects.clearForcedRefusals();
    }
}
