package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.junit.BrokerHandle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions on how a client's connection ended, from
 * {@link BrokerAssert#hasDisconnectedClient(String) assertThat(broker).hasDisconnectedClient("pi-1")}. Each waits,
 * up to the chain's timeout, for a disconnection of that client of the kind asked for: one that happened earlier in
 * the test counts too.
 */
public final class DisconnectAssert extends AbstractBrokerAssert<DisconnectAssert> {

    private final String clientId;

    DisconnectAssert(BrokerHandle broker, Duration timeout, String clientId) {
        super(broker, timeout, DisconnectAssert.class);
        this.clientId = clientId;
    }

    /**
     * Verifies that the client ended its connection itself, with a DISCONNECT packet (so no will was published).
     *
     * @return this assertion
     */
    public DisconnectAssert cleanly() {
        return expect("cleanly (with DISCONNECT)", DisconnectReason::isClean);
    }

    /**
     * Verifies that the connection ended without the client's DISCONNECT: lost network, keep-alive timeout,
     * protocol error, takeover, dropped by the broker…
     *
     * @return this assertion
     */
    public DisconnectAssert abruptly() {
        return expect("abruptly (without DISCONNECT)", reason -> !reason.isClean());
    }

    /**
     * Verifies that the connection ended for this reason.
     *
     * @param reason e.g. {@link DisconnectReason#KEEP_ALIVE_TIMEOUT}
     * @return this assertion
     */
    public DisconnectAssert withReason(DisconnectReason reason) {
        Objects.requireNonNull(reason, "reason");
        return expect("with reason " + reason, reason::equals);
    }

    DisconnectAssert anyHow() {
        return expect("", reason -> true);
    }

    private DisconnectAssert expect(String how, Predicate<DisconnectReason> wanted) {
        if (!awaitEvents(events -> disconnections(events).stream().anyMatch(d -> wanted.test(d.reason())))) {
            List<BrokerEvent.ClientDisconnected> seen = disconnections(actual.recording().events());
            throw failure(FailureMessage.expected("client " + clientId + " to disconnect " + how
                            + (how.isEmpty() ? "" : " ") + withinTimeout())
                    .but(seen.isEmpty() ? "it did not disconnect." : "it disconnected like this:")
                    .listing(seen, actual));
        }
        return myself;
    }

    private List<BrokerEvent.ClientDisconnected> disconnections(List<BrokerEvent> events) {
        return of(events, BrokerEvent.ClientDisconnected.class, clientId);
    }
}
