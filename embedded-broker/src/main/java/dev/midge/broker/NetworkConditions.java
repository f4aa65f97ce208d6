package dev.midge.broker;

import java.time.Duration;

/**
 * Network faults made inside the broker's own transport, for one client or for every connection: a pulled cable, a
 * half-open connection, a slow link, a narrow one, lost packets, a reset. No relay is needed: the client connects to the broker as
 * usual. Conditions last until {@link #heal()} (or, from the JUnit extension, until the end of the test); each call
 * returns at once, the condition in force for the matching connections.
 *
 * <p>A condition for a client applies to its connection from the CONNECT that names it on (the CONNACK included), and
 * to its later connections; the conditions for every connection apply from the moment a socket is accepted.
 */
public interface NetworkConditions {

    /**
     * Nothing passes either way and the sockets stay open, as when the Pi's cable is pulled: the broker reads
     * nothing more from the client and what it sends stays in its buffer. Keep-alive ends the connection on the
     * broker's side (1.5 times the keep-alive interval, will published) unless healed before.
     *
     * @return these conditions
     */
    NetworkConditions silence();

    /**
     * The broker still sends, but hears nothing from the client, as with a peer that went away without closing.
     *
     * @return these conditions
     */
    NetworkConditions halfOpen();

    /**
     * Holds every packet back for this long in each direction, in order.
     *
     * @param oneWay the added delay; zero for none
     * @return these conditions
     */
    NetworkConditions latency(Duration oneWay);

    /**
     * Caps the bytes per second each matching connection carries in each direction, as a slow radio or modem link
     * would: the broker reads from the client no faster, and what it sends waits its turn. Bytes are counted as they
     * cross the socket, MQTT framing (and WebSocket and TLS framing) included.
     *
     * @param bytesPerSecond the cap in each direction, at least 1
     * @return these conditions
     */
    NetworkConditions bandwidth(long bytesPerSecond);

    /**
     * Loses the next packets the client sends, before the broker handles them (e.g. a PUBLISH, or the PUBACK of a
     * message the broker then sends again on the next connection).
     *
     * @param count how many packets
     * @return these conditions
     */
    NetworkConditions dropPacketsFromClient(int count);

    /**
     * Loses the next packets the broker sends to the client (e.g. the PUBACK the client waits for).
     *
     * @param count how many packets
     * @return these conditions
     */
    NetworkConditions dropPacketsToClient(int count);

    /**
     * Resets the matching connections at once (TCP RST): the client sees "connection reset", the broker publishes
     * the will. Not a lasting condition.
     */
    void reset();

    /**
     * Ends every condition: held packets go on in order, reading resumes, packets still to be dropped are not.
     * Healing every connection ({@code broker.network().heal()}) heals each client's conditions too.
     */
    void heal();
}
