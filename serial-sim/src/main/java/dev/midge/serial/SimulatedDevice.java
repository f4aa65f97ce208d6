package dev.midge.serial;

import dev.midge.serial.internal.ByteFormat;
import dev.midge.serial.internal.DeviceLine;
import dev.midge.serial.internal.Lines;
import dev.midge.serial.internal.Pacer;
import dev.midge.serial.internal.WrittenBytes;
import dev.midge.serial.internal.script.Reply;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware at the far end of a serial line, as seen by a test: it sends lines and bytes to the app,
 * expects lines from it, answers requests, reports readings periodically, echoes, and records everything
 * the app writes.
 *
 * <p>Text is UTF-8. A line the app writes ends with {@code \n}; one {@code \r} before it is dropped, so
 * {@code "OK\r\n"} and {@code "OK\n"} both read as {@code "OK"}. Lines the device sends end with
 * {@code \n} unless {@link #lineEnding(String)} says otherwise.
 *
 * <p>Scripted replies and echo run on the thread that reads the port, in the order the app's bytes arrive.
 * All sending methods may be called from any thread; each call's bytes reach the app unbroken by others.
 */
public final class SimulatedDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);

    private final DeviceLine line;
    private final WrittenBytes written = new WrittenBytes();
    private final Lines arrivingLines = new Lines();
    private final List<Function<String, String>> responders = new CopyOnWriteArrayList<>();
    private final PeriodicSources periodicSources;
    private final ScriptRuns scriptRuns;
    private final Transmitter transmitter;
    private volatile boolean echo;
    private volatile byte[] lineEnding = {'\n'};

    SimulatedDevice(DeviceLine line, String name) {
        this.line = line;
        this.transmitter = new Transmitter(line);
        this.periodicSources = new PeriodicSources(name);
        this.scriptRuns = new ScriptRuns(name, this, written);
    }

    /**
     * Sends bytes to the app.
     *
     * @param bytes the bytes, any values
     * @return this device
     * @throws IllegalStateException if the port is unplugged or closed
     * @throws UncheckedIOException  if the app leaves its input buffer full for 5 s, or the line fails
     */
    public SimulatedDevice send(byte[] bytes) {
        transmitter.send(bytes.clone());
        return this;
    }

    /**
     * Sends text to the app, as UTF-8, with no line ending added: use it for partial lines.
     *
     * @param text the text
     * @return this device
     * @throws IllegalStateException if the port is unplugged or closed
     * @throws UncheckedIOException  if the app does not take the bytes, see {@link #send(byte[])}
     */
    public SimulatedDevice send(String text) {
        transmitter.send(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Sends one line to the app, followed by the line ending.
     *
     * @param text the line without ending; embedded {@code \n} make several lines
     * @return this device
     * @throws IllegalStateException if the port is unplugged or closed
     * @throws UncheckedIOException  if the app does not take the bytes, see {@link #send(byte[])}
     */
    public SimulatedDevice sendLine(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] ending = lineEnding;
        byte[] bytes = new byte[body.length + ending.length];
        System.arraycopy(body, 0, bytes, 0, body.length);
        System.arraycopy(ending, 0, bytes, body.length, ending.length);
        transmitter.send(bytes);
        return this;
    }

    /**
     * Sets what {@link #sendLine(String)} appends; {@code "\n"} at first.
     *
     * @param ending e.g. {@code "\r\n"}
     * @return this device
     */
    public SimulatedDevice lineEnding(String ending) {
        this.lineEnding = ending.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Makes every byte the device sends take the time it would take on a real line, e.g. 1.04 ms per byte
     * at 9600 8N1. A pseudo-terminal itself delivers at memory speed whatever baud rate the app set. Sending
     * methods then block until the last byte has arrived.
     *
     * @param settings the line speed and framing to imitate
     * @return this device
     */
    public SimulatedDevice throttle(LineSettings settings) {
        transmitter.pace(new Pacer(settings));
        return this;
    }

    /**
     * Goes back to delivering at memory speed.
     *
     * @return this device
     */
    public SimulatedDevice stopThrottling() {
        transmitter.pace(null);
        return this;
    }

    /**
     * Waits for the next line the app writes. Lines are taken in order: each call returns the line after the
     * one the previous call returned.
     *
     * @param timeout how long to wait
     * @return the line, without its ending
     * @throws AssertionError if no complete line arrives in time; the message shows what did arrive
     */
    public String expectLine(Duration timeout) {
        return written.takeLine(timeout).orElseThrow(() -> new AssertionError(
                "Expected the app to write a line to " + line.describe() + " within " + timeout.toMillis()
                        + " ms, but after the lines already taken it wrote " + ByteFormat.describe(written.untaken())));
    }

    /**
     * Waits for the next bytes the app writes, taken in order like {@link #expectLine(Duration)}.
     *
     * @param count   how many bytes
     * @param timeout how long to wait
     * @return exactly {@code count} bytes
     * @throws AssertionError if fewer arrive in time; the message shows what did arrive
     */
    public byte[] expectBytes(int count, Duration timeout) {
        return written.takeBytes(count, timeout).orElseThrow(() -> new AssertionError(
                "Expected the app to write " + count + " bytes to " + line.describe() + " within " + timeout.toMillis()
                        + " ms, but after the bytes already taken it wrote " + ByteFormat.describe(written.untaken())));
    }

    /**
     * Returns everything the app wrote since the device was created or {@link #clearWritten() cleared}.
     *
     * @return a copy of the bytes
     */
    public byte[] written() {
        return written.all();
    }

    /**
     * Returns the complete lines the app wrote; a trailing partial line is left out.
     *
     * @return the lines, without endings
     */
    public List<String> writtenLines() {
        return Lines.complete(written.all());
    }

    /**
     * Forgets what the app wrote so far, including lines not yet taken by {@link #expectLine(Duration)}.
     *
     * @return this device
     */
    public SimulatedDevice clearWritten() {
        written.clear();
        return this;
    }

    /**
     * Waits until everything the app wrote satisfies a condition.
     *
     * @param condition tested on all bytes written so far, each time more arrive
     * @param timeout   how long to wait
     * @return whether the condition held in time
     */
    public boolean awaitWritten(Predicate<byte[]> condition, Duration timeout) {
        return written.await(condition, timeout);
    }

    /**
     * Answers a request line with a reply line, like a sensor that reports when asked.
     *
     * @param request the exact line the app writes, without ending
     * @param reply   the line sent back
     * @return this device
     */
    public SimulatedDevice respondTo(String request, String reply) {
        Objects.requireNonNull(reply, "reply");
        return respondWith(received -> received.equals(request) ? reply : null);
    }

    /**
     * Answers lines with a function. Responders are asked in the order they were added; the first non-null
     * answer is sent as a line.
     *
     * @param responder gets each complete line the app writes, returns the reply or null for none
     * @return this device
     */
    public SimulatedDevice respondWith(Function<String, String> responder) {
        responders.add(Objects.requireNonNull(responder, "responder"));
        return this;
    }

    /**
     * Sends every byte the app writes straight back, like a loopback plug.
     *
     * @return this device
     */
    public SimulatedDevice echo() {
        this.echo = true;
        return this;
    }

    /**
     * Sends a line at a fixed rate, e.g. a temperature reading every 100 ms, starting one period from now.
     * Readings that cannot be delivered (port unplugged) are skipped.
     *
     * @param period  time between readings
     * @param reading produces each line, without ending
     * @return a handle to stop the source
     */
    public PeriodicSource emitEvery(Duration period, Supplier<String> reading) {
        return periodicSources.start(period, reading, this::sendLine);
    }

    /**
     * Plays a script, such as a recorded sensor trace, on a thread of its own: its replies are added as responders
     * now, its commands run in order. A script's {@code expect} takes the app's lines in the same order as
     * {@link #expectLine(Duration)}, passing over those its replies answered, so a test should leave them to the
     * script while it plays.
     *
     * @param script the script
     * @return the run, to wait for its end or stop it; it stops when the port closes
     */
    public ScriptRun play(DeviceScript script) {
        List<Function<String, String>> replies = script.replies().stream().map(Reply::responder).toList();
        replies.forEach(this::respondWith);
        return scriptRuns.start(script, replies);
    }

    /**
     * Describes the device.
     *
     * @return the line it is attached to
     */
    @Override
    public String toString() {
        return "device on " + line.describe();
    }

    synchronized void appWrote(byte[] data, int length) {
        written.append(data, length);
        try {
            if (echo) {
                transmitter.send(Arrays.copyOf(data, length));
            }
            for (String request : arrivingLines.feed(data, length)) {
                answer(request);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: the scripted device failed to react to what the app wrote", line.describe(), e);
        }
    }

    private void answer(String request) {
        for (Function<String, String> responder : responders) {
            String reply = responder.apply(request);
            if (reply != null) {
                LOG.debug("{}: answering \"{}\" with \"{}\"", line.describe(), request, reply);
                sendLine(reply);
                return;
            }
        }
    }

    void close() {
        periodicSources.close();
        scriptRuns.close();
    }
}
