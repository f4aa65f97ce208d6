package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A read timeout: tells the {@link ConnectionTail} after it ({@link Event#TIMED_OUT}) once the broker has heard
 * nothing from the client for the timeout, on the {@link ConnectionTimers}' time, real or virtual. One timer per
 * connection, moved forward lazily: a packet only stamps the time it came, so a connection that sends often costs no
 * timer work per packet.
 *
 * <p>As a keep-alive check on virtual time it follows whether the broker can hear the client through the
 * {@link NetworkFaults}: the client's own keep-alive timer runs on real time and cannot follow the virtual clock, so
 * while the broker can hear the client it counts as heard, and the timeout runs from its last packet or from the
 * moment it went unheard ({@link NetworkFaults.Hearing#CHANGED}), whichever is later.
 *
 * <p>Runs on the broker's event-loop thread, where the virtual timers fire too.
 */
final class ReadTimeout extends ChannelInboundHandlerAdapter implements Runnable {

    /** Fired towards the end of the pipeline. */
    enum Event {
        /** The timeout has passed. */
        TIMED_OUT
    }

    private final ConnectionTimers timers;
    private final long timeoutMillis;
    private final boolean followsHearing;
    private ChannelHandlerContext context;
    private long lastHeardMillis;
    private Scheduler.Cancellable check;

    /**
     * @param timers         the time the timeout runs on
     * @param timeoutMillis  how long the connection may stay without a packet from the client
     * @param followsHearing whether the client counts as heard while network faults let the broker hear it, not only
     *                       when its packets come
     */
    ReadTimeout(ConnectionTimers timers, long timeoutMillis, boolean followsHearing) {
        this.timers = timers;
        this.timeoutMillis = timeoutMillis;
        this.followsHearing = followsHearing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastHeardMillis = timers.millis();
        super.channelRead(ctx, msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt != NetworkFaults.Hearing.CHANGED) {
            super.userEventTriggered(ctx, evt);
        } else if (followsHearing) {
            lastHeardMillis = timers.millis();
        }
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

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastHeardMillis = timers.millis();
            check = timers.schedule(ctx.channel(), timeoutMillis, this);
        }
    }

    /** The timer has run out: the timeout has passed, or the client was heard since it started and it starts over. */
    @Override
    public void run() {
        if (followsHearing && NetworkFaults.hears(context.pipeline())) {
            lastHeardMillis = timers.millis();
        }
        long unheardMillis = timers.millis() - lastHeardMillis;
        if (unheardMillis >= timeoutMillis) {
            check = null;
            context.fireUserEventTriggered(Event.TIMED_OUT);
        } else {
            check = timers.schedule(context.channel(), timeoutMillis - unheardMillis, this);
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel();
            check = null;
        }
    }
}
