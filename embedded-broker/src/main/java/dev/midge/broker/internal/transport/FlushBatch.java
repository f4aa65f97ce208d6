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
 * <p>Flushing each write at once would cost a system call per packet and subscriber: a message routed from one client
 * to another is never written while the receiving connection is reading. A connection whose buffer reaches its
 * high-water mark is flushed at once, so that a burst is not mistaken for a slow consumer.
 *
 * <p>Before a flush that carries a packet whose promise rests on the broker's state — CONNACK, SUBACK, UNSUBACK,
 * PUBACK, PUBREC, PUBREL, and a QoS 2 PUBLISH, whose packet identifier the client will hold the broker to — the
 * state changes made so far are committed (see {@link BrokerRuntime#commitState}), so that such a packet never
 * leaves before what it promises is as durable as the persistence settings say. Other packets need no commit: a QoS
 * 0 or 1 PUBLISH lost with an uncommitted change is at most sent again. Each write says whether its packet promises:
 * every packet reaches the batch already encoded, as bytes that tell nothing.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class FlushBatch {

    private final EventLoop loop;
    private final Runnable commit;
    private final Set<ChannelHandlerContext> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Runnable flushAll = this::flushAll;
    private boolean promisesPending;

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
     * @param channel  the connection's handler context
     * @param promise  the connection's promise that ignores the outcome: a write to a connection that is closing
     *                 fails, and the close is already being handled
     * @param packet   the packet's bytes, or the HTTP response that refuses a WebSocket request
     * @param promises whether the packet promises the client something the broker's state must keep
     */
    void write(ChannelHandlerContext channel, ChannelPromise promise, Object packet, boolean promises) {
        promisesPending |= promises;
        channel.write(packet, promise);
        if (!channel.channel().isWritable()) {
            commitPromises();
            channel.flush();
            return;
        }
        if (pending.isEmpty()) {
            loop.execute(flushAll);
        }
        pending.add(channel);
    }

    private void commitPromises() {
        if (promisesPending) {
            promisesPending = false;
            commit.run();
        }
    }

    private void flushAll() {
        ChannelHandlerContext[] channels = pending.toArray(new ChannelHandlerContext[0]);
        pending.clear();
        commitPromises();
        for (ChannelHandlerContext channel : channels) {
            channel.flush();
        }
    }
}
