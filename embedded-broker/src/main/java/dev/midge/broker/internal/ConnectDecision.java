package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.DisconnectReason;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;

/**
 * Decides CONNECTs: the client identifier rules of each protocol version, refusals a test asked for, the connection
 * limit, authentication, the will's authorisation and the memory budget for a session that outlives its
 * connection; then takes over an earlier connection and attaches the new one to its session. Runs on the broker's
 * thread.
 */
final class ConnectDecision {

    private static final int MQTT_3_1_MAX_CLIENT_ID = 23;

    private final BrokerConfig config;
    private final EventSink events;
    private final Clock clock;
    private final SessionStore sessions;
    private final Statistics statistics;
    private final Queue<ConnectCode> forcedRefusals = new ArrayDeque<>();

    ConnectDecision(BrokerConfig config, EventSink events, Clock clock, SessionStore sessions, Statistics statistics) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.sessions = sessions;
        this.statistics = statistics;
    }

    /**
     * Decides a CONNECT and, when accepted, attaches the link to its session (taking over any earlier
     * connection with the same client identifier).
     */
    ConnectOutcome connect(ConnectAttempt attempt, ClientLink link) {
        String clientId = attempt.clientId();
        String assigned = null;
        if (clientId.isEmpty()) {
            ProtocolVersion version = attempt.protocolVersion();
            if (!version.isMqtt5() && (!attempt.cleanStart() || version == ProtocolVersion.MQTT_3_1)) {
                return refuse(attempt, ConnectCode.IDENTIFIER_REJECTED);
            }
            assigned = "midge-" + UUID.randomUUID();
            clientId = assigned;
        } else if (attempt.protocolVersion() == ProtocolVersion.MQTT_3_1
                && clientId.length() > MQTT_3_1_MAX_CLIENT_ID) {
            return refuse(attempt, ConnectCode.IDENTIFIER_REJECTED);
        }
        ConnectCode forced = forcedRefusals.poll();
        if (forced != null) {
            return refuse(attempt, forced);
        }
        Session existing = sessions.get(clientId);
        boolean takesOver = existing != null && existing.link != null;
        if (!takesOver && sessions.online() >= config.maxConnections()) {
            return refuse(attempt, ConnectCode.SERVER_BUSY);
        }
        ConnectCode verdict = attempt.authenticationMethod() != null ? ConnectCode.ACCEPTED
                : config.authenticator().authenticate(new ConnectRequest(clientId, attempt.username(),
                        attempt.password(), attempt.protocolVersion().level(), attempt.remoteAddress(), attempt.certificate()));
        if (verdict != ConnectCode.ACCEPTED) {
            return refuse(attempt, verdict);
        }
        if (attempt.will() != null && !PublishPermission.granted(config.authorizer(), clientId, attempt.username(),
                attempt.will().topic())) {
            return refuse(attempt, ConnectCode.NOT_AUTHORIZED);
        }
        if (takesOver) {
            ClientLink old = existing.link;
            sessions.detach(existing, DisconnectReason.SESSION_TAKEN_OVER,
                    "client identifier reused by a new connection", true);
            old.close(DisconnectReason.SESSION_TAKEN_OVER, "");
            // Detaching ends a clean session, so only a session that outlived its connection can be resumed.
            existing = sessions.get(clientId);
        }
        boolean present = existing != null && !attempt.cleanStart();
        boolean outlivesConnection = attempt.sessionExpirySeconds() != 0;
        if (!present && outlivesConnection && !sessions.hasRoomFor(clientId, existing)) {
            return refuse(attempt, ConnectCode.QUOTA_EXCEEDED);
        }
        Session session = present ? existing : sessions.replace(existing, clientId, outlivesConnection);
        sessions.attach(session, link);
        session.username = attempt.username();
        session.expirySeconds = attempt.sessionExpirySeconds();
        session.will = attempt.will();
        session.willDelaySeconds = attempt.willDelaySeconds();
        session.persistConnected();
        statistics.connectionAccepted();
        if (events.active()) {
            events.emit(new BrokerEvent.ClientConnected(clock.instant(), clientId, attempt.protocolVersion().level(),
                    attempt.cleanStart(), present, attempt.username(), attempt.transport(),
                    attempt.keepAliveSeconds()));
        }
        return new ConnectOutcome(ConnectCode.ACCEPTED, session, present, assigned);
    }

    /**
     * Refuses a CONNECT, reported as a {@link BrokerEvent.ConnectionRefused}.
     */
    ConnectOutcome refuse(ConnectAttempt attempt, ConnectCode code) {
        if (events.active()) {
            events.emit(new BrokerEvent.ConnectionRefused(clock.instant(), attempt.clientId(), code));
        }
        return ConnectOutcome.refused(code);
    }

    /** Makes the next CONNECTs fail with the given code, before authentication. */
    void refuseNext(ConnectCode code, int count) {
        for (int i = 0; i < count; i++) {
            forcedRefusals.add(code);
        }
    }

    /** Forgets the refusals asked for and not used yet. */
    void clearForcedRefusals() {
        forcedRefusals.clear();
    }
}
