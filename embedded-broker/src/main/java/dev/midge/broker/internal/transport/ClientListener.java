package dev.midge.broker.internal.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on one port for MQTT clients, with Netty on the broker's own event loop, which accepts the connections
 * and runs them. A connection costs the broker its Netty channel and the MQTT pipeline only.
 *
 * <p>A failure to accept a connection reaches the broker's {@link OutOfMemoryGuard} when the heap is exhausted;
 * Netty logs the others.
 *
 * <p>Runs on the broker's event-loop thread.
 */
final class ClientListener {

    /**
     * The buffers of every connection, the bridges' included: Netty's pooled default, or its adaptive pool where the
     * default was set to unpooled, so that a connection never allocates each read and write afresh.
     */
    static final ByteBufAllocator POOLED = ByteBufAllocator.DEFAULT instanceof UnpooledByteBufAllocator
            ? new AdaptiveByteBufAllocator() : ByteBufAllocator.DEFAULT;

    private ClientListener() {
    }

    /**
     * @param loop        the broker's event loop
     * @param host        the address to listen on
     * @param port        the port, 0 for any free one
     * @param tls         the TLS context of a TLS listener, or null
     * @param accepted    takes each connection as it is accepted, its TLS handler (if any) in its pipeline already
     * @param outOfMemory the broker's guard
     * @return the listening channel, once bound, on the broker's event loop
     */
    static CompletableFuture<Channel> bind(EventLoop loop, String host, int port, SslContext tls,
                                          Consumer<Channel> accepted, OutOfMemoryGuard outOfMemory) {
        ServerBootstrap bootstrap = SharedEventLoops.get().serverBootstrap()
                .group(loop, loop)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptFailures(outOfMemory))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, POOLED)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("midge-tls", tls.newHandler(channel.alloc()));
                        }
                        accepted.accept(channel);
                    }
                });
        CompletableFuture<Channel> bound = new CompletableFuture<>();
        ChannelFuture binding = bootstrap.bind(new InetSocketAddress(host, port));
        binding.addListener(done -> {
            if (done.isSuccess()) {
                bound.complete(binding.channel());
            } else {
                bound.completeExceptionally(done.cause());
            }
        });
        return bound;
    }

    /** @return the port a listening channel is bound to */
    static int port(Channel listening) {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /**
     * Stops listening.
     *
     * @return done once the listening channel has closed and its port is free, on the broker's event loop
     */
    static CompletableFuture<Void> close(Channel listening) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        listening.close().addListener(done -> {
            if (done.isSuccess() && listening instanceof NioServerSocketChannel) {
                // The JDK lets go of a socket registered with a selector only at that selector's next select, after
                // the tasks queued now; a task scheduled now runs after it. Whoever waits for the port to be free
                // again is then woken once, instead of finding it still bound and retrying.
                listening.eventLoop().schedule(() -> closed.complete(null), 0, TimeUnit.NANOSECONDS);
            } else if (done.isSuccess()) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(done.cause());
            }
        });
        return closed;
    }

    /** Netty reports a failure to accept a connection to the listening channel's pipeline, and then only logs it. */
    private static final class AcceptFailures extends ChannelInboundHandlerAdapter {
        private final OutOfMemoryGuard outOfMemory;

        AcceptFailures(OutOfMemoryGuard outOfMemory) {
            this.outOfMemory = outOfMemory;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!outOfMemory.handled(cause)) {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
