package dev.midge.broker;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock of a broker built with {@link BrokerBuilder#virtualTime()}: it stands still until a test moves it.
 *
 * <p>Every timer the broker owns runs on it: the keep-alive lapse, the connect timeout, the will delay, session
 * expiry, message and retained-message expiry, the {@code $SYS} interval, and the periods and delays of injected
 * delivery faults. What stays real: the clients' own timers (their keep-alive pings, reconnect back-off, operation
 * timeouts), the write timeout, the one-second grace in which a closing connection drains, the WebSocket handshake
 * timeout and added network latency.
 *
 * <p>Since a client's keep-alive pings cannot follow the virtual clock, a client the broker can hear is taken to
 * keep its keep-alive however far the clock moves; one it cannot hear ({@link NetworkConditions#silence()},
 * {@link NetworkConditions#halfOpen()}) lapses 1.5 times its keep-alive after its last packet or after it went
 * unheard, whichever is later.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder().virtualTime().start()) {
 *     // a client "pi" connects with keep-alive 60 s and a will
 *     broker.network("pi").silence();                         // the pulled cable
 *     broker.virtualTime().advance(Duration.ofSeconds(90));   // the will is published before this returns
 * }
 * }</pre>
 *
 * <p>Thread-safe: it may be called from any thread.
 */
public interface VirtualTime {

    /**
     * @return the broker's current time
     */
    Instant now();

    /**
     * Moves the broker's clock forward, firing each timer that falls due on the way, in the order they fall due,
     * with the clock set to its due time; returns once they have all run, and what they did (a will routed to its
     * subscribers, a connection closed) is done.
     *
     * @param duration how far to move, zero or more
     * @throws IllegalArgumentException when the duration is negative
     */
    void advance(Duration duration);
}
