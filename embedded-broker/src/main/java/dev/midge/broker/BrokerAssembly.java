package dev.midge.broker;

import dev.midge.broker.internal.BrokerConfig;
import dev.midge.broker.internal.BrokerRuntime;
import dev.midge.broker.internal.BrokerSetup;
import dev.midge.broker.internal.EventSink;
import dev.midge.broker.internal.Network;
import dev.midge.broker.internal.StateStore;
import dev.midge.broker.internal.persistence.MvStateStore;
import dev.midge.broker.internal.transport.BrokerServer;
import dev.midge.broker.internal.transport.EventLoopThread;

/**
 * The one place the parts of a broker meet: the event-loop thread, the state store on it, the core's owner confined
 * to it, then the listeners and bridges, handed the owner. Runs on the thread that starts the broker.
 */
final class BrokerAssembly {

    private BrokerAssembly() {
    }

    static Broker start(BrokerSetup setup) {
        BrokerConfig config = setup.config();
        BrokerRuntime runtime;
        Network network;
        try {
            EventLoopThread thread = EventLoopThread.create();
            StateStore store = setup.persistence() == null ? StateStore.NONE
                    : MvStateStore.open(setup.persistence(), thread);
            runtime = setup.virtualTimeStart() == null
                    ? new BrokerRuntime(config, new EventSink(), setup.clock(), thread, store)
                    : BrokerRuntime.onVirtualTime(config, new EventSink(), setup.virtualTimeStart(), thread, store);
            network = BrokerServer.start(thread, runtime, setup.bridges());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the MQTT broker on " + config.host() + ": "
                    + e.getMessage(), e);
        }
        return new Broker(runtime, new Addresses(network, config.host(), config.tls()));
    }
}
