package dev.midge.broker.internal;

import dev.midge.broker.ConnectCode;

/**
 * The core's answer to a CONNECT.
 *
 * @param code             the CONNACK code
 * @param session          the session the client is now attached to, or null when refused
 * @param sessionPresent   whether an earlier session was resumed
 * @param assignedClientId the identifier the broker chose for a client that sent an empty one, or null
 */
public record ConnectOutcome(ConnectCode code, Session session, boolean sessionPresent, String assignedClientId) {

    static ConnectOutcome refused(ConnectCode code) {
        return new ConnectOutcome(code, null, false, null);
    }
}
