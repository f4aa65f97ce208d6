package dev.midge.broker.internal.config;

import java.nio.file.Path;

/**
 * A configuration, password or ACL file that cannot be used; the message names the file, the line and what is wrong,
 * so the broker can refuse to start with it.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ConfigException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    ConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
