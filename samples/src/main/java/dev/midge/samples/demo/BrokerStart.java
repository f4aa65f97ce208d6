package dev.midge.samples.demo;

import dev.midge.broker.Broker;

/**
 * Starts the demo's broker on the guide's ports, or on free ones when those are taken (say, by a Mosquitto that
 * already runs on this machine).
 */
final class BrokerStart {

    private BrokerStart() {
    }

    static Broker start(DemoOptions options, Narrator narrator) {
        try {
            return Broker.builder().host(options.host()).port(options.port())
                    .websocketPort(options.websocketPort()).start();
        } catch (IllegalStateException busy) {
            if (options.port() == 0 && options.websocketPort() == 0) {
                throw busy;
            }
            narrator.saw("Port " + options.port() + " or " + options.websocketPort()
                    + " is taken on this machine, so the broker uses free ports instead.");
            return Broker.builder().host(options.host()).port(0).websocketPort(0).start();
        }
    }
}
