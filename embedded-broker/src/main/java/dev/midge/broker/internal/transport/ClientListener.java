package dev.midge.broker.internal.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Future;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Listens on one port for MQTT clients, with Netty on the broker's own event loop, which accepts the connections
 * and runs them. A connection costs the broker its Netty channel and the MQTT pipeline only: a Vert.x socket would
 * add its own read and write queues, 4 KiB and more for each client, which the pipeline never uses.
 *
 * <p>A failure to accept a connection reaches the broker's {@link OutOfMemoryGuard} when the heap is exhausted;
 * Netty logs the others.
 *
 * <p>Runs on the broker's event-loop thread.
 */
final class ClientListener {

    private ClientListener() {
    }

    /**
     * @param context     the broker's event-loop context
     * @param host        the address to listen on
     * @param port        the port, 0 for any free one
     * @param tls         the TLS context of a TLS listener, or null
     * @param accepted    takes each connection as it is accepted, its TLS handler (if any) in its pipeline already
     * @param outOfMemory the broker's guard
     * @return the listening channel, once bound
     */
    static Future<Channel> bind(ContextInternal context, String host, int port, SslContext tls,
                                Consumer<Channel> accepted, OutOfMemoryGuard outOfMemory) {
        EventLoop loop = context.nettyEventLoop();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channelFactory(SharedVertx.transport().implementation().serverChannelFactory(false))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptFailures(outOfMemory))
                .childOption(ChannelOption.TCP_NODELAY, true)
                // The allocator Vert.x gives its own sockets, so that the bridges' connections share its pools.
                .childOption(ChannelOption.ALLOCATOR, VertxByteBufAllocator.POOLED_ALLOCATOR)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("midge-tls", tls.newHandler(channel.alloc()));
                        }
                        accepted.accept(channel);
                    }
                });
        PromiseInternal<Channel> bound = context.promise();
        ChannelFuture binding = bootstrap.bind(new InetSocketAddress(host, port));
        binding.addListener(done -> {
            if (done.isSuccess()) {
                bound.complete(binding.channel());
            } else {
                bound.fail(done.cause());
            }
        });
        return bound.future();
    }

    /** @return the port a listening channel is bound to */
    static int port(Channel listening) {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /**
     * Stops listening.
     *
     * @return done once the listening channel has closed
     */
    static Future<Void> close(ContextInternal context, Channel listening) {
        PromiseInternal<Void> closed = context.promise();
        listening.close().addListener(closed);
        return closed.future();
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
