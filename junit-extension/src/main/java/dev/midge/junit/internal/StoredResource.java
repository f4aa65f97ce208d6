package dev.midge.junit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something the extension keeps in a JUnit store and that must be closed when its scope ends. Implements both
 * close contracts so it is closed on every JUnit 5 version, whether the store closes {@link AutoCloseable} values
 * or only {@link ExtensionContext.Store.CloseableResource} ones.
 *
 * @param <T> what is kept
 */
@SuppressWarnings("deprecation")
public final class StoredResource<T extends AutoCloseable> implements AutoCloseable,
        ExtensionContext.Store.CloseableResource {

    private final T value;
    private boolean closed;

    /**
     * @param value what to keep and later close
     */
    public StoredResource(T value) {
        this.value = value;
    }

    /**
     * @return what is kept
     */
    public T value() {
        return value;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            value.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not close " + value + ": " + e.getMessage(), e);
        }
    }
}
