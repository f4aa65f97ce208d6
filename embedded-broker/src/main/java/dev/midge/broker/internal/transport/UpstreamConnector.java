package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeAddress;
import dev.midge.broker.internal.tls.TlsIdentity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Opens a bridge's connections to its upstream, on the broker's own event loop: the host name is looked up off the
 * loop ({@link UpstreamResolver}), then TCP connects, with Nagle's algorithm off and a 10 s timeout, then, for the TLS
 * transports, the handshake runs (10 s at most, Netty's default). TLS checks the upstream's certificate against the
 * bridge's CA file, or the JVM's authorities without one, and, unless the bridge is insecure, that it names the host
 * connected to (RFC 2818, as HTTPS does); the host name goes to the upstream in the handshake (SNI).
 *
 * <p>A connection is handed over with one handler, {@link UpstreamConnection#HANDLER}, which drops what comes before
 * its connection replaces it; a failure to connect is handed over instead of it.
 *
 * <p>Every method runs on the broker's event-loop thread, and so do the answers.
 */
final class UpstreamConnector {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final String TLS_HANDLER = "midge-tls";

    private final Bridge bridge;
    private final EventLoop loop;
    private final Consumer<Throwable> unhandled;
    private final Set<Channel> opening = new HashSet<>();
    private SslContext tls;
    /** Counts the calls of {@link #close}: an answer to a connection opened before the last one is dropped. */
    private int closings;

    /**
     * @param unhandled takes what an answer throws
     */
    UpstreamConnector(Bridge bridge, EventLoop loop, Consumer<Throwable> unhandled) {
        this.bridge = bridge;
        this.loop = loop;
        this.unhandled = unhandled;
    }

    /**
     * @param address where to connect
     * @param secure  whether to run the TLS handshake once connected
     * @param done    takes the connection, once it can carry the upstream's protocol, or why there is none; not
     *                called if {@link #close} is called meanwhile
     */
    void connect(BridgeAddress address, boolean secure, BiConsumer<Channel, Throwable> done) {
        int attempt = closings;
        UpstreamResolver.shared().resolve(address.host(), (resolved, failure) -> loop.execute(() -> guarded(() -> {
            if (attempt != closings) {
                return;
            }
            if (failure != null) {
                done.accept(null, failure);
            } else {
                open(new InetSocketAddress(resolved, address.port()), address, secure, attempt, done);
            }
        })));
    }

    private void open(InetSocketAddress target, BridgeAddress address, boolean secure, int attempt,
                      BiConsumer<Channel, Throwable> done) {
        SslContext context;
        try {
            context = secure ? tls() : null;
        } catch (IOException | GeneralSecurityException e) {
            done.accept(null, e);
            return;
        }
        ChannelFuture connecting = SharedEventLoops.get().bootstrap()
                .group(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, ClientListener.POOLED)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (context != null) {
                            channel.pipeline().addLast(TLS_HANDLER,
                                    context.newHandler(channel.alloc(), address.host(), address.port()));
                        }
                        channel.pipeline().addLast(UpstreamConnection.HANDLER, new Opening());
                    }
                })
                .connect(target);
        Channel channel = connecting.channel();
        opening.add(channel);
        connecting.addListener(connected -> guarded(() -> {
            if (!connected.isSuccess() || context == null) {
                opened(channel, connected.cause(), attempt, done);
            } else {
                ((SslHandler) channel.pipeline().get(TLS_HANDLER)).handshakeFuture().addListener(handshake ->
                        guarded(() -> opened(channel, handshake.cause(), attempt, done)));
            }
        }));
    }

    private void opened(Channel channel, Throwable failure, int attempt, BiConsumer<Channel, Throwable> done) {
        opening.remove(channel);
        if (attempt != closings) {
            channel.close();
            return;
        }
        if (failure != null) {
            channel.close();
            done.accept(null, failure);
        } else {
            done.accept(channel, null);
        }
    }

    /** Made on the first TLS connection after {@link #close}, so that a CA file changed meanwhile is read again. */
    private SslContext tls() throws IOException, GeneralSecurityException {
        if (tls == null) {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(ServerTls.PROTOCOLS)
                    .endpointIdentificationAlgorithm(bridge.insecure() ? null : "HTTPS");
            if (bridge.trustedCertificates() != null) {
                builder.trustManager(TlsIdentity.certificates(
                        Files.readString(bridge.trustedCertificates(), StandardCharsets.ISO_8859_1)));
            }
            tls = builder.build();
        }
        return tls;
    }

    /** Closes the connections still opening, whose answers never come. */
    void close() {
        closings++;
        tls = null;
        List<Channel> pending = List.copyOf(opening);
        opening.clear();
        pending.forEach(Channel::close);
    }

    private void guarded(Runnable answer) {
        try {
            answer.run();
        } catch (Throwable error) {
            unhandled.accept(error);
        }
    }

    /**
     * Stands where the connection's handler goes: the handshake's failure is answered through its future, not the
     * pipeline, and nothing the upstream sends is read before the connection is there.
     */
    private static final class Opening extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
