package dev.midge.serial.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A port kept in a JUnit store until its scope ends. It implements both close contracts because JUnit Jupiter
 * closes {@link AutoCloseable} store values only from 5.13 on, and only {@link ExtensionContext.Store.CloseableResource}
 * ones before; each version closes it once.
 */
@SuppressWarnings("deprecation")
final class ScopedResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final AutoCloseable resource;

    ScopedResource(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
