package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A read timeout: calls its action once the broker has heard nothing from the client for the timeout, on the
 * {@link ConnectionTimers}' time, real or virtual. One timer per connection, moved forward lazily: a packet only
 * stamps the time it came, so a connection that sends often costs no timer work per packet. It starts as the
 * connect timeout and becomes the keep-alive check at CONNACK, in place: a new handler would cost every CONNECT a
 * pipeline change and a second timer.
 *
 * <p>As a keep-alive check on virtual time it is given the client's {@link ClientHearing}: the client's own
 * keep-alive timer runs on real time and cannot follow the virtual clock, so while the broker can hear the client it
 * counts as heard, and the timeout runs from its last packet or from the moment it went unheard, whichever is later.
 *
 * <p>Runs on the broker's event-loop thread, where the virtual timers fire too.
 */
final class ReadTimeout extends ChannelInboundHandlerAdapter implements Runnable {

    private final ConnectionTimers timers;
    private final Runnable onTimeout;
    private long timeoutMillis;
    private ClientHearing hearing;
    private ChannelHandlerContext context;
    private long lastHeardMillis;
    /** When the pending check runs, on the timers' time. */
    private long checkAtMillis;
    private Scheduler.Cancellable check;

    /**
     * @param timers        the time the timeout runs on
     * @param timeoutMillis how long the connection may stay without a packet from the client
     * @param onTimeout     called once the timeout has passed
     */
    ReadTimeout(ConnectionTimers timers, long timeoutMillis, Runnable onTimeout) {
        this.timers = timers;
        this.timeoutMillis = timeoutMillis;
        this.onTimeout = onTimeout;
    }

    /**
     * Turns the timeout into the keep-alive check, counted from the client's last packet (its CONNECT). The pending
     * check stays when it comes first: finding the client heard since, it waits for the rest of the new timeout.
     *
     * @param keepAliveMillis 1.5 times the keep-alive interval
     * @param clientHearing   whether network faults let the broker hear the client, or null to count only its
     *                        packets
     */
    void keepAlive(long keepAliveMillis, ClientHearing clientHearing) {
        timeoutMillis = keepAliveMillis;
        hearing = clientHearing;
        if (hearing != null) {
            hearing.onChange(() -> lastHeardMillis = timers.millis());
        }
        if (check != null && checkAtMillis - lastHeardMillis > keepAliveMillis) {
            check.cancel();
            schedule(keepAliveMillis - (timers.millis() - lastHeardMillis));
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastHeardMillis = timers.millis();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start() {
        if (check == null) {
            lastHeardMillis = timers.millis();
            schedule(timeoutMillis);
        }
    }

    private void schedule(long delayMillis) {
        checkAtMillis = timers.millis() + delayMillis;
        check = timers.schedule(context.channel(), delayMillis, this);
    }

    /** The timer has run out: the timeout has passed, or the client was heard since it started and it starts over. */
    @Override
    public void run() {
        if (hearing != null && hearing.hears()) {
            lastHeardMillis = timers.millis();
        }
        long unheardMillis = timers.millis() - lastHeardMillis;
        if (unheardMillis >= timeoutMillis) {
            check = null;
            onTimeout.run();
        } else {
            schedule(timeoutMillis - unheardMillis);
        }
    }

    private void stop() {
        if (hearing != null) {
            hearing.onChange(() -> { });
        }
        if (check != null) {
            check.cancel();
            check = null;
        }
    }
}
