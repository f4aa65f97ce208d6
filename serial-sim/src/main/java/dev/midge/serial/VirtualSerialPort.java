package dev.midge.serial;

import dev.midge.serial.internal.DeviceLine;
import dev.midge.serial.internal.PtyPlatform;
import dev.midge.serial.internal.PtyPlug;
import dev.midge.serial.internal.StableLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port that exists only in this JVM: a pseudo-terminal pair whose slave end the app under test
 * opens with jSerialComm (or any serial library) exactly as it opens {@code /dev/ttyAMA0}, while the test
 * plays the hardware through {@link #device()}.
 *
 * <p>The app opens {@link #path()}, a symbolic link in a temporary directory that keeps its name across
 * {@link #unplug()} and {@link #replug()}; {@link #ptyPath()} is the pseudo-terminal itself. Works on Linux
 * and macOS; elsewhere {@link #open()} throws {@link UnsupportedOperationException} (see
 * {@link InMemorySerialLink} for those platforms).
 *
 * <p>{@link #close()} releases every descriptor, deletes the link and stops every thread the port started.
 */
public final class VirtualSerialPort implements AutoCloseable {

    /** The link's file name when none is given. */
    public static final String DEFAULT_NAME = "ttyVIRT0";

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final StableLink link;
    private final PtyPlug plug;
    private final SimulatedDevice device;
    private volatile boolean closed;

    private VirtualSerialPort(PtyPlatform platform, StableLink link) {
        this.link = link;
        String name = link.path().getFileName().toString();
        this.device = new SimulatedDevice(new Wire(), name);
        this.plug = new PtyPlug(platform, link, device::appWrote);
    }

    /**
     * Tells whether virtual serial ports work on this platform.
     *
     * @return true on Linux (x86, x86-64, arm, aarch64, riscv64) and 64-bit macOS
     */
    public static boolean isSupported() {
        return PtyPlatform.current().isPresent();
    }

    /**
     * Creates a port linked as {@value #DEFAULT_NAME} in a new temporary directory.
     *
     * @return the plugged-in port
     * @throws UnsupportedOperationException on platforms without pseudo-terminals, with the reason
     * @throws UncheckedIOException          if the pseudo-terminal or the link cannot be created
     */
    public static VirtualSerialPort open() {
        return open(DEFAULT_NAME);
    }

    /**
     * Creates a port linked under a chosen name in a new temporary directory.
     *
     * @param name the link's file name, e.g. {@code ttyAMA0}
     * @return the plugged-in port
     * @throws UnsupportedOperationException on platforms without pseudo-terminals, with the reason
     * @throws UncheckedIOException          if the pseudo-terminal or the link cannot be created
     */
    public static VirtualSerialPort open(String name) {
        PtyPlatform platform = requirePlatform();
        try {
            return plugIn(platform, StableLink.inTemporaryDirectory(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a port linked at a chosen path, e.g. {@code /dev/ttyVIRT0} for an app that only finds ports
     * through {@code SerialPort.getCommPorts()} (jSerialComm lists {@code /dev} links to pseudo-terminals;
     * writing there usually needs root).
     *
     * @param link where the link goes; an existing symbolic link there is replaced, any other file is refused
     * @return the plugged-in port
     * @throws UnsupportedOperationException on platforms without pseudo-terminals, with the reason
     * @throws UncheckedIOException          if the pseudo-terminal or the link cannot be created
     */
    public static VirtualSerialPort openAt(Path link) {
        return plugIn(requirePlatform(), StableLink.at(link));
    }

    private static PtyPlatform requirePlatform() {
        return PtyPlatform.current().orElseThrow(() -> new UnsupportedOperationException(PtyPlatform.unsupportedReason()));
    }

    private static VirtualSerialPort plugIn(PtyPlatform platform, StableLink link) {
        VirtualSerialPort port = new VirtualSerialPort(platform, link);
        try {
            port.plug.plugIn();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        return port;
    }

    /**
     * Returns the path to hand to the app: a symbolic link that stays the same across re-plugs. It does not
     * exist while the port is unplugged.
     *
     * @return the link's path
     */
    public Path path() {
        return link.path();
    }

    /**
     * Returns the pseudo-terminal the link points to. It may change on {@link #replug()}.
     *
     * @return e.g. {@code /dev/pts/7}; the last one while unplugged
     */
    public String ptyPath() {
        return plug.ptyPath();
    }

    /**
     * Returns the hardware side of the port.
     *
     * @return the device, the same object for the port's whole life
     */
    public SimulatedDevice device() {
        return device;
    }

    /**
     * Reads the line settings the app applied, from the pseudo-terminal's termios. Before the app configures
     * the port it shows the system default (38400 8N1 on Linux).
     *
     * <p>On Linux a pseudo-terminal keeps baud rate, stop bits, odd and mark/space parity, but forces 8 data
     * bits and clears the parity-enable flag. Data bits below 8 are recognised from {@code ISTRIP} and
     * reported as 7; even parity is recognised from {@code INPCK}. jSerialComm sets both flags for such
     * settings; other libraries may not. 1.5 stop bits read as 1.
     *
     * @return the settings; while unplugged, those read just before unplugging
     * @throws IllegalStateException if the port is closed, or unplugged without settings read before
     * @throws UncheckedIOException  if termios cannot be read
     */
    public LineSettings lineSettings() {
        requireOpen();
        return plug.lineSettings();
    }

    /**
     * Tells whether an app currently holds the port open.
     *
     * @return true between the app's open and close, as far as the last check (at most 100 ms ago) saw
     */
    public boolean isAppConnected() {
        return plug.presence().get();
    }

    /**
     * Waits until an app holds the port open.
     *
     * @param timeout how long to wait
     * @return this port
     * @throws AssertionError if no app opens the port in time
     */
    public VirtualSerialPort awaitAppConnected(Duration timeout) {
        if (!plug.presence().await(true, timeout)) {
            throw new AssertionError("Expected an app to open " + this + " within " + timeout.toMillis() + " ms");
        }
        return this;
    }

    /**
     * Waits until no app holds the port open.
     *
     * @param timeout how long to wait
     * @return this port
     * @throws AssertionError if the app keeps the port open
     */
    public VirtualSerialPort awaitAppDisconnected(Duration timeout) {
        if (!plug.presence().await(false, timeout)) {
            throw new AssertionError("Expected the app to close " + this + " within " + timeout.toMillis() + " ms");
        }
        return this;
    }

    /**
     * Tells whether the port is plugged in.
     *
     * @return false after {@link #unplug()} until {@link #replug()}, and after {@link #close()}
     */
    public boolean isPlugged() {
        return plug.isPlugged();
    }

    /**
     * Pulls the plug: the pseudo-terminal is closed and the link removed, like a USB adapter being
     * unplugged. An app holding the port sees a hang-up: jSerialComm reads return -1, writes throw, and a
     * {@code LISTENING_EVENT_PORT_DISCONNECTED} listener is called again and again, in a tight loop, until
     * the app closes the port. Sends from the device fail until {@link #replug()}. Idempotent.
     *
     * @throws IllegalStateException if the port is closed
     */
    public void unplug() {
        requireOpen();
        plug.unplug();
    }

    /**
     * Plugs the port back in (unplugging it first if needed): a new pseudo-terminal behind the same
     * {@link #path()}. Its {@link #ptyPath()} may differ from the old one or not, as the kernel reuses free
     * numbers, just as a re-plugged USB adapter may or may not get its old {@code ttyUSB} number back. The
     * app should look the port up again ({@code SerialPort.getCommPort(path)}): jSerialComm resolved the link
     * when it first did, and an old {@code SerialPort} object only works again if the number was reused.
     * The device, its recording and its behaviour carry over.
     *
     * @throws IllegalStateException if the port is closed
     * @throws UncheckedIOException  if the new pseudo-terminal cannot be created
     */
    public void replug() {
        requireOpen();
        plug.unplug();
        plug.plugIn();
    }

    /** Unplugs the port, stops the device's periodic sources, and deletes the link. Idempotent. */
    @Override
    public void close() {
        // The device's scripts and periodic sources stop first, while the line still takes what they send.
        device.close();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        plug.unplug();
        link.close();
    }

    /**
     * Describes the port.
     *
     * @return the link and the pseudo-terminal it points to
     */
    @Override
    public String toString() {
        return plug.toString();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** The device's way to the app: whatever pseudo-terminal is plugged in now. */
    private final class Wire implements DeviceLine {
        @Override
        public void write(byte[] data) throws IOException {
            if (closed) {
                throw new IllegalStateException(VirtualSerialPort.this + " is closed");
            }
            plug.write(data, SEND_TIMEOUT);
        }

        @Override
        public String describe() {
            return link.path().toString();
        }
    }
}
