package dev.midge.junit;

/**
 * What is cleared between tests that share one broker (see {@link MqttBroker#reset()}).
 */
public enum Reset {
    /** The recorded traffic that assertions read. */
    RECORDING,
    /** Retained messages. */
    RETAINED_MESSAGES,
    /** Every session, with its subscriptions and queued messages (connected clients are disconnected). */
    SESSIONS,
    /** Injected delivery faults and pending CONNECT refusals. */
    FAULTS
}
