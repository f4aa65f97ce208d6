package dev.midge.serial.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * A symbolic link that keeps one name for a port whose pseudo-terminal changes on every re-plug.
 *
 * <p>jSerialComm resolves links when {@code getCommPort} is called, so an app that looks the port up again
 * after a re-plug finds the new pseudo-terminal. Re-pointing is atomic (a fresh link renamed over the old
 * one), so an app never sees the name missing while the port is plugged.
 */
public final class StableLink {

    private final Path link;
    private final Path ownedDirectory;

    private StableLink(Path link, Path ownedDirectory) {
        this.link = link;
        this.ownedDirectory = ownedDirectory;
    }

    /**
     * Places the link in a new temporary directory, deleted again by {@link #close()}.
     *
     * @param name the link's file name, e.g. {@code ttyAMA0}
     * @return the link, not yet created
     * @throws IOException if the directory cannot be created
     */
    public static StableLink inTemporaryDirectory(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("a port name is a plain file name, got \"" + name + "\"");
        }
        Path directory = Files.createTempDirectory("midge-serial-");
        return new StableLink(directory.resolve(name), directory);
    }

    /**
     * Places the link at a chosen path whose directory exists, e.g. {@code /dev/ttyVIRT0} when running as root.
     *
     * @param link the path; an existing symbolic link there is replaced, anything else is refused
     * @return the link, not yet created
     */
    public static StableLink at(Path link) {
        Path absolute = link.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(absolute)) {
            throw new IllegalArgumentException(absolute + " exists and is not a symbolic link; refusing to replace it");
        }
        return new StableLink(absolute, null);
    }

    /**
     * Returns the link's path.
     *
     * @return the path apps open
     */
    public Path path() {
        return link;
    }

    /**
     * Makes the link point to a pseudo-terminal.
     *
     * @param target the slave's path
     * @throws IOException if the link cannot be written
     */
    public void pointTo(String target) throws IOException {
        Path fresh = link.resolveSibling("." + link.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        Files.createSymbolicLink(fresh, Paths.get(target));
        try {
            Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(fresh);
            throw e;
        }
    }

    /** Removes the link, as the device node of an unplugged adapter disappears. */
    public void remove() {
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the link and the temporary directory it was created in. */
    public void close() {
        remove();
        if (ownedDirectory != null) {
            try {
                Files.deleteIfExists(ownedDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
