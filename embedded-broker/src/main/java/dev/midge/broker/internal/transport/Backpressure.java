package dev.midge.broker.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Stops reading from a connection while the broker owes it more than its buffer's high-water mark, and reads again
 * below the low-water mark: a client that sends requests (PINGREQ, PUBLISH, SUBSCRIBE…) and never reads the answers
 * costs no more than one buffer. A connection that stays over the mark for the write timeout has stopped reading,
 * and is reported.
 *
 * <p>All connections share one thread, so one that always has more to read must not keep it: each connection gets
 * one read of at most {@value #MAX_READ_BYTES} bytes per turn of the event loop, and the {@link PacketFramer} hands
 * on at most {@value PacketFramer#PACKETS_PER_TURN} packets per turn; when it yields the rest of the turn, reading
 * stops until those packets have been handed on, a turn later.
 *
 * <p>Sits right before the {@link PacketFramer}, which holds back the packets of a read that arrive while the
 * connection cannot take more data; this handler hands them on once it can. It also keeps the decoders before it
 * from asking for more bytes in the meantime.
 */
final class Backpressure extends ChannelDuplexHandler {

    /** What the connection is told. */
    interface Listener {

        /** The connection can take data again. */
        void writable();

        /** It has stayed over its high-water mark for the write timeout: it is cut right after. */
        void writeTimedOut();
    }

    /** Netty's own defaults, stated here because the documentation names them. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private static final int MIN_READ_BYTES = 64;
    private static final int INITIAL_READ_BYTES = 2048;
    private static final int MAX_READ_BYTES = 8 * 1024;
    /** Shared: what it learns of a connection's reads lives in the handle it gives each connection. */
    private static final RecvByteBufAllocator READS =
            new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, INITIAL_READ_BYTES, MAX_READ_BYTES).maxMessagesPerRead(1);

    private final long writeTimeoutMillis;
    private final Listener connection;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> timeout;
    private boolean resumeScheduled;
    /** The connection has become writable again and is not told yet. */
    private boolean owesWritable;
    /** The framer has yielded the turn and holds packets for the next. */
    private boolean yielded;

    /**
     * @param writeTimeoutMillis how long the connection may stay over its high-water mark
     * @param connection         the connection, told when it can take data again and when it timed out
     */
    Backpressure(long writeTimeoutMillis, Listener connection) {
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.connection = connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        ctx.channel().config().setWriteBufferWaterMark(WATER_MARK);
        ctx.channel().config().setRecvByteBufAllocator(READS);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resume(ctx);
        } else {
            stall(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !yielded) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void stall(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        if (timeout == null) {
            timeout = ctx.executor().schedule(() -> timedOut(ctx), writeTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A connection becomes writable in the middle of a flush, which may happen while the broker is routing or the
     * framer is handing on packets, so what follows from it waits until that is done. It waits for the next turn of
     * the event loop, after the other connections' reads: run among the tasks of the same turn, a flooding client's
     * stall and resume could follow one another for hundreds of milliseconds.
     */
    private void resume(ChannelHandlerContext ctx) {
        cancelTimeout();
        owesWritable = true;
        if (!yielded) {
            ctx.channel().config().setAutoRead(true);
        }
        scheduleResumed(ctx);
    }

    /**
     * The framer has handed on its share of packets for this turn of the event loop and holds the rest: no more is
     * read until it has handed those on, which it does once the other connections have had their turn.
     */
    void yieldTurn() {
        yielded = true;
        context.channel().config().setAutoRead(false);
        scheduleResumed(context);
    }

    private void scheduleResumed(ChannelHandlerContext ctx) {
        if (!resumeScheduled) {
            resumeScheduled = true;
            ctx.executor().schedule(() -> resumed(ctx), 0, TimeUnit.NANOSECONDS);
        }
    }

    private void resumed(ChannelHandlerContext ctx) {
        resumeScheduled = false;
        if (!ctx.channel().isActive() || !ctx.channel().isWritable()) {
            return;
        }
        if (owesWritable) {
            owesWritable = false;
            connection.writable();
            if (!ctx.channel().isWritable()) {
                return;
            }
        }
        boolean heldForTurns = yielded;
        yielded = false;
        // The framer held back the rest of the last read; an empty read makes it hand those packets on.
        ctx.fireChannelRead(Unpooled.EMPTY_BUFFER);
        ctx.fireChannelReadComplete();
        if (heldForTurns && !yielded && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        timeout = null;
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            connection.writeTimedOut();
            // A close through the pipeline waits until what is pending has been written, which is never.
            ctx.channel().unsafe().close(ctx.channel().voidPromise());
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
