package dev.midge.broker.internal.transport;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.Transport;
import dev.midge.broker.internal.EventSink;
import dev.midge.broker.internal.MemoryBudget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Holds every live connection to the memory budget from the moment the broker is handed it, before its CONNECT: a
 * flood of sockets that connect, or that never send a byte, must not exhaust the heap while the connect timeout
 * runs. Each connection holds an allowance of what it costs on the heap until it closes; one that would exceed the
 * bound is closed at once, before anything is read from it, and reported as a
 * {@link BrokerEvent.ConnectionRefused} with no client identifier.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class ConnectionBound {

    /**
     * A plain or WebSocket connection: measured ({@code TransportConnectionMemory} in the bench module) at 2.0 KiB of
     * heap for an idle TCP connection after CONNECT on epoll (2.5 KiB on the JDK's selector), 3.1 KiB for a WebSocket
     * one after its upgrade and CONNECT (3.6 KiB), with room for what Netty allocates while it reads.
     */
    static final long ALLOWANCE = 12 * 1024;
    /**
     * A TLS connection, counted from the moment it is accepted, its handshake included: measured at 11.1 KiB of heap
     * once its handshake and CONNECT are done (11.4 KiB on the JDK's selector), most of it its TLS handler and the
     * engine's state.
     */
    static final long TLS_ALLOWANCE = 24 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBound.class);

    private final MemoryBudget budget;
    private final EventSink events;
    private final Clock clock;
    /** Given back as a connection closes: one listener for all plain connections, one for all TLS ones. */
    private final ChannelFutureListener plainClosed;
    private final ChannelFutureListener tlsClosed;

    ConnectionBound(MemoryBudget budget, EventSink events, Clock clock) {
        this.budget = budget;
        this.events = events;
        this.clock = clock;
        this.plainClosed = closed -> budget.disconnected(ALLOWANCE);
        this.tlsClosed = closed -> budget.disconnected(TLS_ALLOWANCE);
    }

    /**
     * Claims the connection's allowance until it closes, or closes it when there is no room.
     *
     * @param channel  the connection just handed to the broker
     * @param transport the listener that accepted it
     * @return whether the connection may go on
     */
    boolean admit(Channel channel, Transport transport) {
        long allowance = transport.tls() ? TLS_ALLOWANCE : ALLOWANCE;
        if (!budget.connecting(allowance)) {
            LOG.debug("Closing {} at once: live connections hold all the room the memory budget gives them",
                    channel.remoteAddress());
            channel.close();
            if (events.active()) {
                events.emit(new BrokerEvent.ConnectionRefused(clock.instant(), null, ConnectCode.SERVER_BUSY));
            }
            return false;
        }
        channel.closeFuture().addListener(transport.tls() ? tlsClosed : plainClosed);
        return true;
    }
}
