package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.BrokerRuntime;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Flushes the connections of one broker once the event loop has finished what it is doing, instead of after every
 * packet: the messages routed out of one read from a publisher leave for each subscriber in one system call.
 *
 * <p>Vert.x flushes a write at once unless it happens while that same connection is reading, which is never the
 * case for a message routed from one client to another. A connection whose buffer reaches its high-water mark is
 * flushed at once, so that a burst is not mistaken for a slow consumer.
 *
 * <p>Before any flush, the state changes made so far are committed (see {@link BrokerRuntime#commitState}): an
 * acknowledgement never leaves before the change it acknowledges is as durable as the persistence settings say.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class FlushBatch {

    private final EventLoop loop;
    private final Runnable commit;
    private final Set<ChannelHandlerContext> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Runnable flushAll = this::flushAll;

    /**
     * @param commit makes the state changes made so far durable
     */
    FlushBatch(EventLoop loop, Runnable commit) {
        this.loop = loop;
        this.commit = commit;
    }

    /**
     * Writes a packet to a connection and makes sure it is flushed before the event loop waits for more input.
     *
     * @param channel the connection's handler context, behind the MQTT encoder
     * @param promise the connection's promise that ignores the outcome: a write to a connection that is closing
     *                fails, and the close is already being handled
     * @param packet  the packet
     */
    void write(ChannelHandlerContext channel, ChannelPromise promise, Object packet) {
        channel.write(packet, promise);
        if (!channel.channel().isWritable()) {
            commit.run();
            channel.flush();
            return;
        }
        if (pending.isEmpty()) {
            loop.execute(flushAll);
        }
        pending.add(channel);
    }

    private void flushAll() {
        ChannelHandlerContext[] channels = pending.toArray(new ChannelHandlerContext[0]);
        pending.clear();
        commit.run();
        for (ChannelHandlerContext channel : channels) {
            channel.flush();
        }
    }
}
