package dev.midge.broker.internal.config;

import dev.midge.broker.Persistence;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The persistence keywords of a configuration file: Mosquitto's {@code persistence}, {@code persistence_location},
 * {@code persistence_file}, {@code autosave_interval} and {@code autosave_on_changes}, and the broker's own
 * {@code persistence_fsync}. Unless {@code autosave_interval} sets a period, every change is committed before the
 * acknowledgement that depends on it leaves; see {@link Persistence.Durability}.
 */
final class PersistenceOptions {

    private final Path file;
    private boolean enabled;
    private Path location;
    private String fileName = Persistence.DEFAULT_FILE_NAME;
    private int autosaveSeconds;
    private boolean fsync;
    private int fsyncLine;

    /**
     * @param file the configuration file, whose directory relative locations start from
     */
    PersistenceOptions(Path file) {
        this.file = file;
    }

    /**
     * @return whether the keyword is about persistence
     */
    boolean apply(Value value) {
        switch (value.keyword()) {
            case "persistence" -> enabled = value.bool();
            case "persistence_location" -> location = relativeToFile(value.text());
            case "persistence_file" -> {
                String name = value.text();
                if (name.contains("/") || name.contains("\\")) {
                    throw value.problem("is a file name inside persistence_location, not a path: '" + name + "'");
                }
                fileName = name;
            }
            case "autosave_interval" -> autosaveSeconds = value.integer(0, 24 * 3600);
            case "autosave_on_changes" -> value.only(false, "changes are saved before each acknowledgement, or "
                    + "every autosave_interval seconds");
            case "persistence_fsync" -> {
                fsync = value.bool();
                fsyncLine = value.line();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private Path relativeToFile(String text) {
        Path base = file.toAbsolutePath().getParent();
        return base == null ? Path.of(text) : base.resolve(text);
    }

    /**
     * @throws ConfigException when the settings contradict each other
     */
    void finish() {
        if (fsync && autosaveSeconds > 0) {
            throw new ConfigException(file, fsyncLine, "persistence_fsync true forces each commit before its "
                    + "acknowledgement to disk; it cannot go with autosave_interval, which commits periodically");
        }
    }

    /**
     * @return the persistence the file asks for, or null when it leaves persistence off
     */
    Persistence settings() {
        if (!enabled) {
            return null;
        }
        Persistence settings = Persistence.in(location == null ? relativeToFile(".") : location).fileName(fileName);
        if (fsync) {
            return settings.syncToDisk();
        }
        return autosaveSeconds > 0 ? settings.autosaveInterval(Duration.ofSeconds(autosaveSeconds)) : settings;
    }
}
