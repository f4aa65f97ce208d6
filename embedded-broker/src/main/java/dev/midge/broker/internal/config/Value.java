package dev.midge.broker.internal.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The value of one line of a configuration file, read as the keyword needs it; a wrong one is reported with the
 * file and line.
 *
 * @param file    the configuration file
 * @param line    the line number, from 1
 * @param keyword the keyword of the line
 * @param raw     everything after the keyword, stripped
 */
record Value(Path file, int line, String keyword, String raw) {

    String text() {
        if (raw.isEmpty()) {
            throw problem("needs a value");
        }
        return raw;
    }

    boolean bool() {
        return switch (text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw problem("must be true or false, not '" + raw + "'");
        };
    }

    void only(boolean accepted, String why) {
        if (bool() != accepted) {
            throw problem("can only be " + accepted + ": " + why);
        }
    }

    int integer(int min, int max) {
        String text = text();
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw problem("must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /**
     * @return a number of bytes, 0 or more
     */
    long bytes() {
        String text = text();
        try {
            long number = Long.parseLong(text);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw problem("must be a whole number of bytes, 0 or more, not '" + text + "'");
    }

    int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw problem("port must be a number from 0 (a free port) to 65535, not '" + text + "'");
    }

    /** @return the file named by the value, relative to the configuration file's directory */
    Path existingFile() {
        Path base = file.toAbsolutePath().getParent();
        Path named = base == null ? Path.of(text()) : base.resolve(text());
        if (!Files.isRegularFile(named) || !Files.isReadable(named)) {
            throw problem("cannot read the file " + named);
        }
        return named;
    }

    ConfigException problem(String what) {
        return new ConfigException(file, line, keyword + " " + what);
    }
}
