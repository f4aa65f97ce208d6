package dev.midge.broker.internal.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Carries an {@link OutOfMemoryError} from a thread of the shared Vert.x instance that is not a broker's own — the
 * acceptor, which takes new connections for every broker of the JVM, or a Vert.x context without a handler of its
 * own — to every running broker's {@link OutOfMemoryGuard}: the acceptor is shared, so a failure there leaves each
 * of them unable to take connections.
 */
final class OutOfMemoryAlarm {

    private static final Set<Consumer<Throwable>> LISTENERS = ConcurrentHashMap.newKeySet();

    /** Placed in the pipeline of every listening socket, which runs on the acceptor thread. */
    private static final ChannelHandler ACCEPTOR_HANDLER = new AcceptorFailures();

    private OutOfMemoryAlarm() {
    }

    /**
     * @param listener called, on whichever thread the error happened, with every out-of-memory failure raised
     * @return what removes the listener
     */
    static Runnable listen(Consumer<Throwable> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * @param error a failure on a thread of the shared Vert.x instance
     * @return whether it was (or was caused by) an {@link OutOfMemoryError}, now passed to every listener
     */
    static boolean raise(Throwable error) {
        if (!OutOfMemoryGuard.isOutOfMemory(error)) {
            return false;
        }
        LISTENERS.forEach(listener -> listener.accept(error));
        return true;
    }

    /** @return the handler for the pipeline of a listening socket */
    static ChannelHandler acceptorHandler() {
        return ACCEPTOR_HANDLER;
    }

    /**
     * Netty reports a failure to accept a connection, and an error in a handler on the acceptor, to the listening
     * socket's pipeline, and then only logs it.
     */
    @ChannelHandler.Sharable
    private static final class AcceptorFailures extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            raise(cause);
            ctx.fireExceptionCaught(cause);
        }
    }
}
