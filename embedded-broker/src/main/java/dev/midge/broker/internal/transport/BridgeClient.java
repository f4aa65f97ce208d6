package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeAddress;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.BridgeRoutes;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.BrokerRuntime;
import dev.midge.broker.internal.EventSink;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.Session;
import dev.midge.broker.internal.SubscribeReply;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * One bridge of the broker: keeps its session on this broker subscribed to the outbound topics (so that what is
 * published for the upstream queues there while it is away), connects to the upstream and, whenever the connection
 * ends or cannot be made, tries its next address, waiting its restart timeout once all have failed. Its state is told
 * in events, in the log and, unless turned off, in retained notifications here and upstream.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class BridgeClient implements UpstreamConnection.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeClient.class);
    /** Retained messages of a new local subscription: none while the upstream is away, all once it is there. */
    private static final int NO_RETAINED = 2;
    private static final int ALL_RETAINED = 0;

    private final Bridge bridge;
    private final BridgeRoutes routes;
    private final BrokerRuntime runtime;
    private final RestartBackoff backoff;
    private final UpstreamAddresses addresses;
    private final UpstreamConnector connector;
    private final Consumer<Throwable> unhandled;
    private Session session;
    private UpstreamConnection connection;
    private Scheduler.Cancellable retry;
    private Scheduler.Cancellable probe;
    private boolean returningToMain;
    private boolean stopped;

    /**
     * @param loop      the broker's event loop, which the bridge's connections run on
     * @param unhandled takes what the bridge's handling of its connection throws
     */
    BridgeClient(Bridge bridge, BrokerRuntime runtime, EventLoop loop, Consumer<Throwable> unhandled) {
        this.bridge = bridge;
        this.routes = new BridgeRoutes(bridge.topics());
        this.runtime = runtime;
        this.connector = new UpstreamConnector(bridge, loop, unhandled);
        this.unhandled = unhandled;
        this.backoff = new RestartBackoff(bridge.restartBase().toMillis(), bridge.restartCap().toMillis());
        this.addresses = new UpstreamAddresses(bridge.addresses(), bridge.roundRobin());
    }

    /** Makes the bridge's session here, unless it has one, and starts connecting; again after {@link #stop}. */
    void start() {
        stopped = false;
        backoff.reset();
        addresses.backToMain();
        session(NO_RETAINED);
        state(false);
        connect();
    }

    /**
     * @param retainHandling whether new local subscriptions bring the retained messages
     * @return the bridge's session, subscribed to the outbound topics: made again if the broker's sessions were
     *         cleared meanwhile
     */
    private Session session(int retainHandling) {
        BrokerCore core = runtime.core();
        Session current = core.bridgeSession(bridge.localClientId());
        core.subscribe(current, routes.localSubscriptions(retainHandling), SubscribeReply.NONE);
        session = current;
        return current;
    }

    private void connect() {
        retry = null;
        BridgeAddress address = addresses.current();
        connector.connect(address, address.transport().tls(), (channel, failure) -> onChannel(channel, failure,
                address));
    }

    private void onChannel(Channel channel, Throwable failure, BridgeAddress address) {
        if (stopped) {
            if (channel != null) {
                channel.close();
            }
            return;
        }
        if (failure != null) {
            failed("cannot connect to " + address + ": " + causes(failure), false);
            return;
        }
        connection = new UpstreamConnection(bridge, address, routes, channel, runtime.core(), this, unhandled);
        connection.start();
    }

    @Override
    public Session attached(UpstreamConnection connection, boolean sessionPresent) {
        backoff.reset();
        addresses.accepted();
        Session current = session(NO_RETAINED);
        runtime.core().bridgeConnected(current, connection.link(), connection.protocolVersion().level(),
                connection.address().transport(), sessionPresent);
        session(ALL_RETAINED);
        return current;
    }

    @Override
    public void ready(UpstreamConnection connection, boolean sessionPresent) {
        String address = connection.address().toString();
        LOG.info("Bridge {} connected to {}", bridge.name(), address);
        EventSink events = runtime.events();
        if (events.active()) {
            events.emit(new BrokerEvent.BridgeConnected(runtime.clock().instant(), bridge.localClientId(),
                    bridge.name(), address, connection.protocolVersion().level(), sessionPresent));
        }
        state(true);
        if (bridge.remoteNotificationTopic() != null) {
            runtime.core().sendUpstream(session, Message.of(bridge.remoteNotificationTopic(), "1")
                    .withQos(QoS.AT_LEAST_ONCE).withRetain(true));
        }
        if (addresses.awayFromMain()) {
            probeMain();
        }
    }

    /** Checks at every first restart wait whether the main address answers, and moves back to it when it does. */
    private void probeMain() {
        probe = runtime.thread().schedule(bridge.restartBase().toMillis(), () -> {
            BridgeAddress main = addresses.main();
            connector.connect(main, false, (channel, failure) -> {
                if (channel != null) {
                    channel.close();
                }
                if (probe == null || connection == null) {
                    return;
                }
                if (failure == null) {
                    probe = null;
                    returningToMain = true;
                    connection.leave("the main address " + main + " answers again");
                } else {
                    probeMain();
                }
            });
        });
    }

    @Override
    public void ended(UpstreamConnection ended, String reason) {
        if (ended != connection) {
            return;
        }
        connection = null;
        cancelProbe();
        if (ended.isAccepted()) {
            runtime.core().disconnected(session, ended.link(), DisconnectReason.CONNECTION_LOST, reason, false, null);
        }
        if (ended.isReady()) {
            state(false);
        }
        failed(reason, ended.isRefused());
    }

    /**
     * @param refused whether the upstream refused the bridge, which retrying alone will not change: logged as an
     *                error, and tried again all the same, as the upstream's settings may change
     */
    private void failed(String reason, boolean refused) {
        EventSink events = runtime.events();
        if (events.active()) {
            events.emit(new BrokerEvent.BridgeDisconnected(runtime.clock().instant(), bridge.localClientId(),
                    bridge.name(), reason));
        }
        if (stopped) {
            return;
        }
        BridgeAddress failedAddress = addresses.current();
        if (returningToMain) {
            returningToMain = false;
            addresses.backToMain();
            LOG.info("Bridge {}: {}; moving back to it", bridge.name(), reason);
            connect();
            return;
        }
        long wait = addresses.failed() ? backoff.next() : 0;
        String next = wait == 0 ? "trying " + addresses.current() + " now" : "trying again in " + wait + " ms";
        if (refused) {
            LOG.error("Bridge {} to {}: {}; check its remote_clientid, remote_username and remote_password; {}",
                    bridge.name(), failedAddress, reason, next);
        } else {
            LOG.warn("Bridge {} to {}: {}; {}", bridge.name(), failedAddress, reason, next);
        }
        if (wait == 0) {
            connect();
        } else {
            retry = runtime.thread().schedule(wait, this::connect);
        }
    }

    private void cancelProbe() {
        if (probe != null) {
            probe.cancel();
            probe = null;
        }
    }

    /** @return the messages of a failure and of its causes, which say more than the first alone (TLS failures) */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private void state(boolean connected) {
        if (bridge.localNotificationTopic() != null) {
            runtime.core().publishAsBroker(Message.of(bridge.localNotificationTopic(), connected ? "1" : "0")
                    .withRetain(true));
        }
    }

    /** Stops connecting and ends the connection, for the broker's shutdown or suspension. */
    void stop() {
        stopped = true;
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        cancelProbe();
        if (connection != null) {
            connection.end("the broker is stopping");
        }
        connector.close();
    }
}
