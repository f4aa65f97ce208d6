package dev.midge.serial.internal;

import dev.midge.serial.LineSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugged-in period of a virtual port: a pseudo-terminal and the daemon thread that reads what the
 * app writes to it.
 *
 * <p>The thread waits in {@code poll} for at most {@value #POLL_MILLIS} ms at a time, or until the wake
 * pipe signals a close, so it always stops promptly. It owns the descriptors and releases them when it
 * ends. {@code POLLHUP} on the master is level-triggered while no app holds the slave, so instead of
 * polling the master again at once (a busy loop) the thread then waits on the wake pipe alone for
 * {@value #HANGUP_BACKOFF_MILLIS} ms before looking again.
 */
public final class PtySession {

    /** Receives what happens on the app's side of the pseudo-terminal, on the session's thread. */
    public interface Listener {

        /**
         * The app wrote bytes.
         *
         * @param data   a buffer reused after the call returns
         * @param length how many bytes of {@code data} are valid
         */
        void appWrote(byte[] data, int length);

        /**
         * The app opened or closed the port.
         *
         * @param connected whether some app now holds the slave
         */
        void appPresence(boolean connected);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PtySession.class);
    private static final int POLL_MILLIS = 100;
    private static final int HANGUP_BACKOFF_MILLIS = 20;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(5);
    private static final int BUFFER_SIZE = 4096;

    private final PseudoTerminal pty;
    private final WakePipe wake;
    private final Listener listener;
    private final Thread thread;
    private final ReentrantLock descriptors = new ReentrantLock();
    private volatile boolean running = true;
    private boolean released;
    private boolean appConnected;

    private PtySession(PseudoTerminal pty, WakePipe wake, Listener listener, String name) {
        this.pty = pty;
        this.wake = wake;
        this.listener = listener;
        this.thread = new Thread(this::run, "midge-serial-" + name);
        thread.setDaemon(true);
    }

    /**
     * Creates a pseudo-terminal and starts reading it.
     *
     * @param platform the running platform
     * @param name     names the thread, for thread dumps
     * @param listener receives the app's bytes and presence
     * @return the running session
     * @throws IOException if the pseudo-terminal cannot be created
     */
    public static PtySession start(PtyPlatform platform, String name, Listener listener) throws IOException {
        PseudoTerminal pty = PseudoTerminal.open(platform);
        WakePipe wake;
        try {
            wake = WakePipe.open();
        } catch (IOException e) {
            pty.close();
            throw e;
        }
        PtySession session = new PtySession(pty, wake, listener, name);
        session.thread.start();
        LOG.debug("created {} for {}", pty.slavePath(), name);
        return session;
    }

    /**
     * Returns the path the app opens.
     *
     * @return the slave's path
     */
    public String slavePath() {
        return pty.slavePath();
    }

    /**
     * Sends bytes to the app.
     *
     * @param data    the bytes
     * @param timeout how long the app may leave its input buffer full
     * @throws IOException if the session is closed, the app does not read in time, or the write fails
     */
    public void write(byte[] data, Duration timeout) throws IOException {
        descriptors.lock();
        try {
            if (released) {
                throw new IOException(pty.slavePath() + " is closed");
            }
            pty.write(data, timeout);
        } finally {
            descriptors.unlock();
        }
    }

    /**
     * Reads the settings the app applied.
     *
     * @return the decoded settings
     * @throws IOException if the session is closed or the attributes cannot be read
     */
    public LineSettings lineSettings() throws IOException {
        descriptors.lock();
        try {
            if (released) {
                throw new IOException(pty.slavePath() + " is closed");
            }
            return pty.lineSettings();
        } finally {
            descriptors.unlock();
        }
    }

    /**
     * Stops the thread and closes the pseudo-terminal. Called from any other thread it returns once every
     * descriptor is closed; called from a listener callback it returns at once and the session's thread
     * closes them as soon as the callback returns.
     */
    public void close() {
        descriptors.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            if (!released) {
                wake.signal();
            }
        } finally {
            descriptors.unlock();
        }
        if (Thread.currentThread() != thread) {
            awaitEnd();
        }
    }

    private void awaitEnd() {
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms", thread.getName(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        LibC libc = LibC.get();
        PollSet both = new PollSet(libc, 2).watch(0, pty.fd(), PollSet.POLLIN).watch(1, wake.readFd(), PollSet.POLLIN);
        PollSet wakeOnly = new PollSet(libc, 1).watch(0, wake.readFd(), PollSet.POLLIN);
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            while (running) {
                both.await(POLL_MILLIS);
                if (!running || both.has(1, PollSet.POLLIN)) {
                    break;
                }
                int length = both.has(0, PollSet.POLLIN) ? pty.read(buffer) : 0;
                boolean hungUp = both.has(0, PollSet.POLLHUP) || length < 0;
                if (length > 0) {
                    deliver(buffer, length);
                    if (!hungUp) {
                        presence(true);
                    }
                    continue;
                }
                if (both.has(0, (short) (PollSet.POLLERR | PollSet.POLLNVAL))) {
                    throw new IOException("poll reported an error on the master of " + pty.slavePath());
                }
                presence(!hungUp);
                if (hungUp) {
                    wakeOnly.await(HANGUP_BACKOFF_MILLIS);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("stopped reading {}", pty.slavePath(), e);
        } finally {
            release();
        }
    }

    private void deliver(byte[] buffer, int length) {
        try {
            listener.appWrote(buffer, length);
        } catch (RuntimeException e) {
            LOG.warn("the device failed to handle {} bytes from the app", length, e);
        }
    }

    private void presence(boolean connected) {
        if (connected != appConnected) {
            appConnected = connected;
            LOG.debug("app {} {}", connected ? "opened" : "closed", pty.slavePath());
            listener.appPresence(connected);
        }
    }

    private void release() {
        descriptors.lock();
        try {
            released = true;
            running = false;
            pty.close();
            wake.close();
        } finally {
            descriptors.unlock();
        }
        if (appConnected) {
            appConnected = false;
            listener.appPresence(false);
        }
    }
}
