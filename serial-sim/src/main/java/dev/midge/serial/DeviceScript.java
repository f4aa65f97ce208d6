package dev.midge.serial;

import dev.midge.serial.internal.script.Reply;
import dev.midge.serial.internal.script.ScriptParser;
import dev.midge.serial.internal.script.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a simulated device does, written down: lines to send, pauses, lines the app must write, replies to requests.
 * A recorded sensor trace or a protocol exchange becomes a file that {@link SimulatedDevice#play(DeviceScript)}
 * replays through a port. One command per line; blank lines and lines starting with {@code #} are skipped:
 *
 * <pre>
 * reply READ? =&gt; T=21.5                 answers the request READ? for as long as the device lives
 * reply /SET (\d+)/ =&gt; OK $1            answers any request the regular expression matches whole
 * send T=21.5                           sends a line
 * send-bytes 02 41 03                   sends bytes, in hexadecimal
 * wait 500ms                            pauses (ms, s or m; decimals allowed: 1.5s)
 * at 2s                                 pauses until 2 s after the script started, as in a recorded trace
 * expect SET 10 within 2s               the app's next line must be SET 10, lines a reply answered aside
 *                                       (within 5 s when not said)
 * repeat 3                              the lines up to 'end' three times; 'repeat' alone until stopped
 * end
 * </pre>
 *
 * <p>Scripts are read whole when they are created: a mistake is an {@link IllegalArgumentException} naming the
 * script, the line and what to write instead. A script is immutable and can be played any number of times.
 */
public final class DeviceScript {

    private final String name;
    private final List<Step> steps;
    private final List<Reply> replies;

    private DeviceScript(String name, ScriptParser.Parsed parsed) {
        this.name = name;
        this.steps = parsed.steps();
        this.replies = parsed.replies();
    }

    /**
     * Reads a script from text.
     *
     * @param text the commands, one per line
     * @return the script
     * @throws IllegalArgumentException naming the line and what to write instead
     */
    public static DeviceScript parse(String text) {
        return new DeviceScript("script", ScriptParser.parse("script", text));
    }

    /**
     * Reads a script from a UTF-8 file.
     *
     * @param file the script file
     * @return the script
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException naming the file, the line and what to write instead
     */
    public static DeviceScript load(Path file) {
        try {
            String name = file.toString();
            return new DeviceScript(name, ScriptParser.parse(name, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device script " + file, e);
        }
    }

    /**
     * Reads a script from the class path, e.g. {@code fromResource("dht22.script")} for a file in
     * {@code src/test/resources}.
     *
     * @param resource the resource name, from the root of the class path
     * @return the script
     * @throws IllegalArgumentException if there is no such resource, or naming the line and what to write instead
     */
    public static DeviceScript fromResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader == null ? DeviceScript.class.getClassLoader() : loader).getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no device script " + resource + " on the class path: put it in "
                        + "src/test/resources (or a folder under it) and name it from there");
            }
            return new DeviceScript(name, ScriptParser.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device script " + resource, e);
        }
    }

    String name() {
        return name;
    }

    List<Step> steps() {
        return steps;
    }

    List<Reply> replies() {
        return replies;
    }

    /**
     * Names the script.
     *
     * @return its file or resource name
     */
    @Override
    public String toString() {
        return "device script " + name;
    }
}
