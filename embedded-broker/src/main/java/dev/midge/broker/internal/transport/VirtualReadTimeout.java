package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

import java.time.Clock;

/**
 * The read timeout of a connection on virtual time: fires Netty's READER_IDLE event, as an
 * {@code IdleStateHandler} would, once no packet has come from the client for the timeout by the broker's virtual
 * clock. One timer per connection, moved forward lazily: a packet only stamps the time it came.
 *
 * <p>Runs on the broker's event-loop thread, where the virtual timers fire too.
 */
final class VirtualReadTimeout extends ChannelInboundHandlerAdapter {

    private final Scheduler scheduler;
    private final Clock clock;
    private final long timeoutMillis;
    private long lastReadMillis;
    private Scheduler.Cancellable check;

    VirtualReadTimeout(Scheduler scheduler, Clock clock, long timeoutMillis) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
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
        lastReadMillis = clock.millis();
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
            lastReadMillis = clock.millis();
            check = scheduler.schedule(timeoutMillis, () -> check(ctx));
        }
    }

    private void check(ChannelHandlerContext ctx) {
        long silentMillis = clock.millis() - lastReadMillis;
        if (silentMillis >= timeoutMillis) {
            check = null;
            ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        } else {
            check = scheduler.schedule(timeoutMillis - silentMillis, () -> check(ctx));
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel();
            check = null;
        }
    }
}
