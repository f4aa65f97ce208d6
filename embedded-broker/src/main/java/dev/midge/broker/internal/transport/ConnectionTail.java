package dev.midge.broker.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * The last handler of a client connection's pipeline: hands the connection what its decoders read, and tells it when
 * the connection fails or has closed. Writes to the connection start here, so that they pass every encoder.
 *
 * <p>A close asked for anywhere (the connection's own end, a timeout, a handler that gave up on the input) first
 * sends what has been written so far: a CONNACK or PUBACK written just before is not lost in the close. A failure
 * below MQTT closes the connection at once, after the connection has heard of it.
 *
 * <p>A Netty handler: runs on the connection's event loop, which is the broker's thread.
 */
final class ConnectionTail extends ChannelDuplexHandler {

    /** Its name in the pipeline, which every other handler of the connection is placed before. */
    static final String NAME = "midge-connection";

    /** What the connection is told. */
    interface Receiver {

        /** @param message what the decoders made of the input: an MQTT packet, or an HTTP request on WebSocket */
        void received(Object message);

        /** @param error why the connection failed below MQTT */
        void failed(Throwable error);

        /** The connection has closed. */
        void closed();

        /** The broker has started or stopped hearing the client, under a network fault. */
        void hearingChanged();
    }

    private final Consumer<Throwable> unhandled;
    private Receiver receiver;

    /**
     * @param unhandled takes what the receiver throws
     */
    ConnectionTail(Consumer<Throwable> unhandled) {
        this.unhandled = unhandled;
    }

    /** @param receiver the connection, told from now on */
    void serve(Receiver receiver) {
        this.receiver = receiver;
    }

    /** @return the address of the connection's client as {@code host:port} */
    static String address(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            receiver.received(msg);
        } catch (Throwable error) {
            unhandled.accept(error);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt != NetworkFaults.Hearing.CHANGED) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        try {
            receiver.hearingChanged();
        } catch (Throwable error) {
            unhandled.accept(error);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        try {
            receiver.failed(cause);
        } catch (Throwable error) {
            unhandled.accept(error);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        try {
            receiver.closed();
        } catch (Throwable error) {
            unhandled.accept(error);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> ctx.close(promise));
    }
}
