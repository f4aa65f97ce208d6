package dev.midge.broker.internal.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@link OutOfMemoryError} on the broker's thread, or on an event-loop thread all brokers share (see
 * {@link OutOfMemoryAlarm}), into a visible failure: a broker that carried on would keep its ports open and answer
 * nothing. The first one is logged, the listeners stop and every connection is closed, so clients fail fast and an
 * operator sees why; later ones are not logged again.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class OutOfMemoryGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryGuard.class);

    private final Runnable stop;
    private boolean tripped;

    /**
     * @param stop stops the listeners and closes the connections
     */
    OutOfMemoryGuard(Runnable stop) {
        this.stop = stop;
    }

    /**
     * @param error a failure on the broker's thread, or one the alarm passed on
     * @return whether it was (or was caused by) an {@link OutOfMemoryError}, now handled
     */
    boolean handled(Throwable error) {
        if (!isOutOfMemory(error)) {
            return false;
        }
        if (!tripped) {
            tripped = true;
            LOG.error("The JVM ran out of memory on a thread of the broker: the broker stops listening and closes "
                    + "every connection. Give it a larger heap (-Xmx) or a smaller memory budget.", error);
            stop.run();
        }
        return true;
    }

    static boolean isOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
