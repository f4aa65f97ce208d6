package dev.midge.broker.internal;

import dev.midge.broker.NetworkConditions;
import dev.midge.broker.Transport;

/**
 * The broker's listeners as the public API drives them, whatever carries the bytes. Implemented by the transport.
 * Every method may be called from any thread and returns once the listeners have done what was asked.
 */
public interface Network {

    /**
     * @param transport a kind of listener
     * @return the port that listener is bound to, or -1 when the broker has no such listener
     */
    int port(Transport transport);

    /**
     * @param clientId a client, or null for every connection
     * @return the network conditions for it
     */
    NetworkConditions conditions(String clientId);

    /**
     * Takes the broker off the network as an outage would: every connection ends (MQTT 5 clients get DISCONNECT
     * 0x8B, no will is published) and the ports stop accepting. Sessions and retained messages stay.
     */
    void suspend();

    /**
     * Listens again on the ports the broker had before {@link #suspend()}.
     */
    void resume();

    /**
     * Ends every connection (MQTT 5 clients get DISCONNECT 0x8B, no will is published), stops the core and closes
     * the listeners.
     */
    void close();
}
