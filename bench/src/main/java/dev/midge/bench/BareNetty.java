package dev.midge.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The floor under any broker built on Netty 4.2, as an embedded broker uses it: one event-loop group of daemon threads
 * on the JDK's selector, and a TCP server on the loopback address that answers whatever a client sends with a
 * CONNACK-shaped reply. No MQTT is decoded.
 */
final class BareNetty implements AutoCloseable {

    private static final byte[] CONNACK = {0x20, 2, 0, 0};

    private final EventLoopGroup group;

    BareNetty() {
        // The broker turns these off for its own Netty; the floor must not pay for them either.
        System.setProperty("io.netty.jfr.enabled", "false");
        group = new MultiThreadIoEventLoopGroup(2, BareNetty::daemon, NioIoHandler.newFactory());
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "bare-netty");
        thread.setDaemon(true);
        return thread;
    }

    /** @return a server bound to an ephemeral port of the loopback address, answering every read with a CONNACK */
    Channel listen() throws InterruptedException {
        return new ServerBootstrap().group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new Answer())
                .bind("127.0.0.1", 0).sync().channel();
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Answer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONNACK));
        }
    }
}
