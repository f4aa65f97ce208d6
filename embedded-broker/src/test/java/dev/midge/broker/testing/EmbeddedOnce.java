package dev.midge.broker.testing;

import dev.midge.broker.Broker;

/**
 * A fresh JVM's whole life with an embedded broker, for tests that look at what such a JVM loads: starts a broker,
 * serves one client once, closes it and exits.
 */
public final class EmbeddedOnce {

    private EmbeddedOnce() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Broker broker = Broker.builder().port(0).start();
             RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("once"))) {
            client.ping();
        }
    }
}
