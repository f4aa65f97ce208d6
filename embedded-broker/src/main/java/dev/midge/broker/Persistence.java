package dev.midge.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how durably a broker keeps its state across restarts: retained messages, sessions that outlive their
 * connection with their subscriptions, queued and in-flight QoS 1 and 2 messages, inbound QoS 2 messages awaiting
 * PUBREL, and delayed wills. Without it, the default, all of that lives in memory only.
 *
 * <pre>{@code
 * Broker broker = Broker.builder()
 *         .persistence(Persistence.in(Path.of("/var/lib/midge")))
 *         .start();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Persistence {

    /** The store's file name inside its directory, unless {@link #fileName(String)} sets another. */
    public static final String DEFAULT_FILE_NAME = "midge.db";

    /** What an acknowledged message survives. */
    public enum Durability {
        /**
         * Every change is written to the store's file before the acknowledgement that depends on it (PUBACK, PUBREC,
         * SUBACK, CONNACK) leaves: it survives the broker's process being killed, not the machine losing power
         * before the operating system wrote its cache to disk. The default.
         */
        PROCESS_CRASH,
        /**
         * As {@link #PROCESS_CRASH}, and the file is also forced to disk (fsync) before the acknowledgement leaves:
         * it survives power loss too, at the cost of one disk flush per batch of acknowledgements.
         */
        POWER_LOSS,
        /**
         * Changes are written to the file every {@link #autosaveInterval()} and when the broker stops: a process
         * crash loses what was acknowledged since the last save, as Mosquitto's {@code autosave_interval} does.
         */
        PERIODIC
    }

    private final Path directory;
    private final String fileName;
    private final Durability durability;
    private final Duration autosaveInterval;

    private Persistence(Path directory, String fileName, Durability durability, Duration autosaveInterval) {
        this.directory = directory;
        this.fileName = fileName;
        this.durability = durability;
        this.autosaveInterval = autosaveInterval;
    }

    /**
     * @param directory where the store's file is, created when missing
     * @return persistence in that directory, file {@value #DEFAULT_FILE_NAME}, durability
     *         {@link Durability#PROCESS_CRASH}
     */
    public static Persistence in(Path directory) {
        return new Persistence(Objects.requireNonNull(directory, "directory"), DEFAULT_FILE_NAME,
                Durability.PROCESS_CRASH, Duration.ZERO);
    }

    /**
     * @param name the store's file name inside the directory
     * @return a copy with that file name
     */
    public Persistence fileName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("the store's file name is a plain name, not a path: '" + name + "'");
        }
        return new Persistence(directory, name, durability, autosaveInterval);
    }

    /**
     * @return a copy that also forces the file to disk before acknowledgements: {@link Durability#POWER_LOSS}, in
     *         place of the durability set before
     */
    public Persistence syncToDisk() {
        return new Persistence(directory, fileName, Durability.POWER_LOSS, Duration.ZERO);
    }

    /**
     * @param interval how often changes are written to the file, at least 1 ms
     * @return a copy that saves periodically: {@link Durability#PERIODIC}, in place of the durability set before
     */
    public Persistence autosaveInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1 || interval.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("autosaveInterval must be from 1 ms to about 24 days, not " + interval);
        }
        return new Persistence(directory, fileName, Durability.PERIODIC, interval);
    }

    /** @return the directory of the store's file */
    public Path directory() {
        return directory;
    }

    /** @return the store's file */
    public Path file() {
        return directory.resolve(fileName);
    }

    /** @return what an acknowledged message survives */
    public Durability durability() {
        return durability;
    }

    /** @return how often changes are saved with {@link Durability#PERIODIC}; zero for the other policies */
    public Duration autosaveInterval() {
        return autosaveInterval;
    }

    @Override
    public String toString() {
        return "Persistence[" + file() + ", " + durability
                + (durability == Durability.PERIODIC ? " every " + autosaveInterval : "") + "]";
    }
}
