package dev.midge.serial.internal;

import dev.midge.serial.LineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pluggable part of a virtual port: whichever pseudo-terminal session is plugged in now, behind a
 * stable link, swapped on unplug and re-plug. Sessions are closed outside this object's lock, so a device
 * reacting on a session's own thread may unplug or re-plug without deadlocking against a test thread.
 */
public final class PtyPlug {

    private static final Logger LOG = LoggerFactory.getLogger(PtyPlug.class);

    private final PtyPlatform platform;
    private final StableLink link;
    private final String name;
    private final BiConsumer<byte[], Integer> appWrote;
    private final Presence presence = new Presence();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile PtySession session;
    private volatile String ptyPath;
    private LineSettings settingsAtUnplug;

    /**
     * Prepares an unplugged port.
     *
     * @param platform the running platform
     * @param link     where apps find the port
     * @param appWrote receives the app's bytes, on the session's thread
     */
    public PtyPlug(PtyPlatform platform, StableLink link, BiConsumer<byte[], Integer> appWrote) {
        this.platform = platform;
        this.link = link;
        this.name = link.path().getFileName().toString();
        this.appWrote = appWrote;
    }

    /**
     * Plugs a new pseudo-terminal in and points the link at it; does nothing if one is plugged in.
     *
     * @throws UncheckedIOException if the pseudo-terminal or the link cannot be created
     */
    public synchronized void plugIn() {
        if (session != null) {
            return;
        }
        int current = generation.incrementAndGet();
        try {
            PtySession started = PtySession.start(platform, name, new Events(current));
            try {
                link.pointTo(started.slavePath());
            } catch (IOException e) {
                started.close();
                throw e;
            }
            ptyPath = started.slavePath();
            session = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.debug("plugged {} in", this);
    }

    /** Closes the pseudo-terminal and removes the link; does nothing if unplugged. */
    public void unplug() {
        PtySession unplugged;
        synchronized (this) {
            unplugged = session;
            if (unplugged == null) {
                return;
            }
            settingsAtUnplug = readQuietly(unplugged);
            session = null;
            generation.incrementAndGet();
            link.remove();
        }
        unplugged.close();
        presence.set(false);
        LOG.debug("unplugged {}", this);
    }

    /**
     * Sends bytes to the app through the plugged-in pseudo-terminal.
     *
     * @param data    the bytes
     * @param timeout how long the app may leave its input buffer full
     * @throws IllegalStateException if unplugged
     * @throws IOException           if the app does not read in time or the write fails
     */
    public void write(byte[] data, Duration timeout) throws IOException {
        PtySession current = session;
        if (current == null) {
            throw new IllegalStateException(this + " is unplugged");
        }
        current.write(data, timeout);
    }

    /**
     * Reads the settings the app applied; while unplugged, those read just before unplugging.
     *
     * @return the settings
     * @throws IllegalStateException if unplugged and nothing could be read before
     * @throws UncheckedIOException  if termios cannot be read
     */
    public synchronized LineSettings lineSettings() {
        if (session == null) {
            if (settingsAtUnplug == null) {
                throw new IllegalStateException(this + " is unplugged and its settings could not be read before");
            }
            return settingsAtUnplug;
        }
        try {
            return session.lineSettings();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells whether a pseudo-terminal is plugged in.
     *
     * @return false after {@link #unplug()} until {@link #plugIn()}
     */
    public boolean isPlugged() {
        return session != null;
    }

    /**
     * Returns the current or last pseudo-terminal's path.
     *
     * @return the slave's path
     */
    public String ptyPath() {
        return ptyPath;
    }

    /**
     * Returns whether an app holds the port, with waiting.
     *
     * @return the presence, updated by the session's thread
     */
    public Presence presence() {
        return presence;
    }

    /**
     * Describes the plug.
     *
     * @return the link and the pseudo-terminal it points to
     */
    @Override
    public String toString() {
        return link.path() + " -> " + ptyPath;
    }

    private static LineSettings readQuietly(PtySession unplugged) {
        try {
            return unplugged.lineSettings();
        } catch (IOException e) {
            LOG.debug("could not read the line settings before unplugging", e);
            return null;
        }
    }

    /** Feeds one session's events on; presence reports from a replaced session are ignored. */
    private final class Events implements PtySession.Listener {
        private final int sessionGeneration;

        Events(int sessionGeneration) {
            this.sessionGeneration = sessionGeneration;
        }

        @Override
        public void appWrote(byte[] data, int length) {
            PtyPlug.this.appWrote.accept(data, length);
        }

        @Override
        public void appPresence(boolean connected) {
            if (generation.get() == sessionGeneration) {
                presence.set(connected);
            }
        }
    }
}
