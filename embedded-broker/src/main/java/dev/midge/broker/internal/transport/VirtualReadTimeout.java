package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

import java.time.Clock;

/**
 * A read timeout on virtual time: fires Netty's READER_IDLE event, as an {@code IdleStateHandler} would, once the
 * broker has heard nothing from the client for the timeout by the broker's virtual clock. One timer per connection,
 * moved forward lazily: a packet only stamps the time it came.
 *
 * <p>As a keep-alive check it is given the client's {@link ClientHearing}: the client's own keep-alive timer runs on
 * real time and cannot follow the virtual clock, so while the broker can hear the client it counts as heard, and the
 * timeout runs from its last packet or from the moment it went unheard, whichever is later.
 *
 * <p>Runs on the broker's event-loop thread, where the virtual timers fire too.
 */
final class VirtualReadTimeout extends ChannelInboundHandlerAdapter {

    private final Scheduler scheduler;
    private final Clock clock;
    private final long timeoutMillis;
    private final ClientHearing hearing;
    private long lastHeardMillis;
    private Scheduler.Cancellable check;

    /**
     * @param hearing whether network faults let the broker hear the client, or null to count only its packets
     */
    VirtualReadTimeout(Scheduler scheduler, Clock clock, long timeoutMillis, ClientHearing hearing) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.hearing = hearing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (hearing != null) {
            hearing.onChange(() -> lastHeardMillis = clock.millis());
        }
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
        lastHeardMillis = clock.millis();
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

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastHeardMillis = clock.millis();
            check = scheduler.schedule(timeoutMillis, () -> check(ctx));
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (hearing != null && hearing.hears()) {
            lastHeardMillis = clock.millis();
        }
        long unheardMillis = clock.millis() - lastHeardMillis;
        if (unheardMillis >= timeoutMillis) {
            check = null;
            ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        } else {
            check = scheduler.schedule(timeoutMillis - unheardMillis, () -> check(ctx));
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
