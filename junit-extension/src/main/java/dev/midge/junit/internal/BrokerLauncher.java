package dev.midge.junit.internal;

import dev.midge.broker.Broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts a test's embedded broker with its settings, and starts it again after a crash on the same ports and
 * store. Owns the store's temporary directory when the settings ask for persistence, and deletes it when closed.
 */
public final class BrokerLauncher implements AutoCloseable {

    private final BrokerSettings settings;
    private final Path store;

    /**
     * @param settings the checked settings
     * @throws UncheckedIOException when the store's temporary directory cannot be made
     */
    public BrokerLauncher(BrokerSettings settings) {
        this.settings = settings;
        try {
            this.store = settings.persistence() ? Files.createTempDirectory("midge-store-") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a temporary directory for the broker's store", e);
        }
    }

    /** @return the broker, started */
    public Broker start() {
        return settings.startBroker(null, store);
    }

    /**
     * @param crashed the broker that crashed
     * @return a new broker on the crashed one's ports and store
     */
    public Broker restart(Broker crashed) {
        return settings.startBroker(crashed, store);
    }

    @Override
    public void close() {
        if (store == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the broker's store " + store, e);
        }
    }
}
