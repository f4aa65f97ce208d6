package dev.midge.broker.internal.transport;

/**
 * Whether the broker can hear a client now: false while a network fault holds back what the client sends.
 *
 * <p>Used on the broker's event-loop thread.
 */
interface ClientHearing {

    /** @return whether packets from the client reach the broker now */
    boolean hears();

    /**
     * @param listener called each time {@link #hears()} changes; replaces the one set before
     */
    void onChange(Runnable listener);
}
