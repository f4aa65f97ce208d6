package dev.midge.broker.internal;

/**
 * What became of a message a client published, as its acknowledgement reports it.
 */
public enum PublishOutcome {
    /** Routed to at least one session. */
    ROUTED,
    /** Accepted, but no session subscribes to its topic. */
    NO_SUBSCRIBERS,
    /** Refused: the client may not publish on that topic. */
    NOT_AUTHORIZED
}
