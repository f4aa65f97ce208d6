package dev.midge.broker.internal.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Carries an {@link OutOfMemoryError} thrown by a task of an event-loop thread no broker owns, on one of the
 * {@link SharedEventLoops}, to every running broker's {@link OutOfMemoryGuard}: the brokers share those threads, so a
 * failure there leaves none of them sure to go on.
 */
final class OutOfMemoryAlarm {

    private static final Set<Consumer<Throwable>> LISTENERS = ConcurrentHashMap.newKeySet();

    private OutOfMemoryAlarm() {
    }

    /**
     * @param listener called, on whichever thread the error happened, with every out-of-memory failure raised
     * @return what removes the listener
     */
    static Runnable listen(Consumer<Throwable> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * @param error a failure on one of the shared event loops' threads
     * @return whether it was (or was caused by) an {@link OutOfMemoryError}, now passed to every listener
     */
    static boolean raise(Throwable error) {
        if (!OutOfMemoryGuard.isOutOfMemory(error)) {
            return false;
        }
        LISTENERS.forEach(listener -> listener.accept(error));
        return true;
    }
}
