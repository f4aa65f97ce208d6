package dev.midge.broker.internal.transport;

import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker accepts its connections on its own thread, so a failure to accept one is the broker's to handle: an
 * {@link OutOfMemoryError} there must stop it as one anywhere else on its thread does. A closed listener's port is
 * free again when its closing completes, so that a broker's {@code close()} need not wait and retry.
 */
class ClientListenerTest {

    @Test
    void anOutOfMemoryErrorWhileAcceptingTripsTheBrokersGuardAndOtherFailuresDoNot() throws Exception {
        EventLoopThread thread = EventLoopThread.create();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        OutOfMemoryGuard guard = new OutOfMemoryGuard(() -> stopped.complete(null));
        Channel listening = ClientListener.bind(thread.loop(), "127.0.0.1", 0, null, Channel::close, guard)
                .get(5, TimeUnit.SECONDS);
        try {
            listening.pipeline().fireExceptionCaught(new IllegalStateException("simulated: too many open files"));
            boolean stoppedByOther = listening.eventLoop().submit(stopped::isDone).get(5, TimeUnit.SECONDS);
            assertThat(stoppedByOther).as("stopped by a failure other than running out of memory").isFalse();

            listening.pipeline().fireExceptionCaught(new OutOfMemoryError("simulated: accepting a connection"));
            stopped.get(5, TimeUnit.SECONDS);
        } finally {
            listening.close().sync();
        }
    }

    @Test
    void closingAListenerCompletesOnlyOnceItsPortCanBeBoundAgain() throws Exception {
        EventLoopThread thread = EventLoopThread.create();
        OutOfMemoryGuard guard = new OutOfMemoryGuard(() -> { });
        for (int round = 0; round < 50; round++) {
            Channel listening = ClientListener.bind(thread.loop(), "127.0.0.1", 0, null, Channel::close, guard)
                    .get(5, TimeUnit.SECONDS);
            int port = ClientListener.port(listening);
            ClientListener.close(listening).get(5, TimeUnit.SECONDS);
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(again.getLocalPort()).as("round %d", round).isEqualTo(port);
            }
        }
    }
}
