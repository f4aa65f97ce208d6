package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.Scheduler;
import io.netty.channel.Channel;

/**
 * A read timeout: tells the connection once the broker has heard nothing from the client for the timeout, on the
 * {@link ConnectionTimers}' time, real or virtual. One timer per connection, moved forward lazily: a packet only
 * stamps the time it came, so a connection that sends often costs no timer work per packet. It starts as the
 * connect timeout and becomes the keep-alive check at CONNACK, in place.
 *
 * <p>Not a handler of the connection's pipeline: the connection stamps what reaches it, past the network faults, so
 * that a packet they hold back is not heard. A handler of its own would cost every connection a pipeline context
 * and every packet one more hop.
 *
 * <p>As a keep-alive check on virtual time it follows whether the broker can hear the client through the
 * {@link NetworkFaults}: the client's own keep-alive timer runs on real time and cannot follow the virtual clock, so
 * while the broker can hear the client it counts as heard, and the timeout runs from its last packet or from the
 * moment it went unheard ({@link NetworkFaults.Hearing#CHANGED}), whichever is later.
 *
 * <p>Runs on the broker's event-loop thread, where the virtual timers fire too.
 */
final class ReadTimeout implements Runnable {

    /** What the connection is told. */
    interface Listener {

        /** The client has sent nothing for the timeout. */
        void timedOut();
    }

    private final ConnectionTimers timers;
    private final Listener connection;
    private long timeoutMillis;
    private boolean followsHearing;
    private Channel channel;
    private long lastHeardMillis;
    /** When the pending check runs, on the timers' time. */
    private long checkAtMillis;
    private Scheduler.Cancellable check;

    /**
     * @param timers        the time the timeout runs on
     * @param timeoutMillis how long the connection may stay without a packet from the client
     * @param connection    told once the timeout has passed
     */
    ReadTimeout(ConnectionTimers timers, long timeoutMillis, Listener connection) {
        this.timers = timers;
        this.timeoutMillis = timeoutMillis;
        this.connection = connection;
    }

    /** @param connection the connection, just accepted: the timeout runs from now */
    void start(Channel connection) {
        channel = connection;
        lastHeardMillis = timers.millis();
        schedule(timeoutMillis);
    }

    /** Something came from the client. */
    void heard() {
        lastHeardMillis = timers.millis();
    }

    /** The broker has started or stopped hearing the client: as a keep-alive check on virtual time, it counts. */
    void hearingChanged() {
        if (followsHearing) {
            lastHeardMillis = timers.millis();
        }
    }

    /**
     * Turns the timeout into the keep-alive check, counted from the client's last packet (its CONNECT): 1.5 times the
     * client's keep-alive interval of silence, or none when the interval is 0. The pending check stays when it comes
     * first: finding the client heard since, it waits for the rest of the new timeout.
     */
    void keepAlive(int keepAliveSeconds) {
        if (keepAliveSeconds == 0) {
            stop();
            return;
        }
        timeoutMillis = keepAliveSeconds * 1500L;
        followsHearing = timers.countsHearing();
        if (check != null && checkAtMillis - lastHeardMillis > timeoutMillis) {
            check.cancel();
            schedule(timeoutMillis - (timers.millis() - lastHeardMillis));
        }
    }

    private void schedule(long delayMillis) {
        checkAtMillis = timers.millis() + delayMillis;
        check = timers.schedule(channel, delayMillis, this);
    }

    /** The timer has run out: the timeout has passed, or the client was heard since it started and it starts over. */
    @Override
    public void run() {
        if (followsHearing && NetworkFaults.hears(channel.pipeline())) {
            lastHeardMillis = timers.millis();
        }
        long unheardMillis = timers.millis() - lastHeardMillis;
        if (unheardMillis >= timeoutMillis) {
            check = null;
            connection.timedOut();
        } else {
            schedule(timeoutMillis - unheardMillis);
        }
    }

    /** No timeout any more: the connection has closed, or its keep-alive interval is 0. */
    void stop() {
        if (check != null) {
            check.cancel();
            check = null;
        }
    }
}
