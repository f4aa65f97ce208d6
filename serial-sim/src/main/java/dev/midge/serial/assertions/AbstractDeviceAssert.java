package dev.midge.serial.assertions;

import dev.midge.serial.SimulatedDevice;
import dev.midge.serial.internal.ByteFormat;
import dev.midge.serial.internal.Lines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the app wrote to a simulated device. The app usually writes from its own thread, so
 * each assertion waits until it holds, up to a timeout (2 s unless {@link #within(Duration)} says
 * otherwise). A failure shows everything the app wrote, as escaped text and as hex.
 *
 * @param <SELF>   the concrete assertion type
 * @param <ACTUAL> what is asserted on
 */
public abstract class AbstractDeviceAssert<SELF extends AbstractDeviceAssert<SELF, ACTUAL>, ACTUAL> extends AbstractAssert<SELF, ACTUAL> {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    Duration timeout = DEFAULT_TIMEOUT;

    AbstractDeviceAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    abstract SimulatedDevice device();

    /**
     * Sets how long the following assertions wait.
     *
     * @param timeout the wait
     * @return this assertion
     */
    public SELF within(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return myself;
    }

    /**
     * Verifies that the app writes a complete line equal to the given text ({@code \n} or {@code \r\n} ended).
     *
     * @param line the line without its ending
     * @return this assertion
     */
    public SELF receivedLine(String line) {
        return eventually(bytes -> Lines.complete(bytes).contains(line), "the line \"" + escaped(line) + "\"");
    }

    /**
     * Verifies that the complete lines the app writes are exactly these, in this order.
     *
     * @param lines the lines without endings
     * @return this assertion
     */
    public SELF receivedLinesExactly(String... lines) {
        List<String> expected = List.of(lines);
        return eventually(bytes -> Lines.complete(bytes).equals(expected), "exactly the lines " + quoted(expected));
    }

    /**
     * Verifies that the app writes the given text (UTF-8) anywhere in its output, line endings included.
     *
     * @param text the text
     * @return this assertion
     */
    public SELF receivedText(String text) {
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        return eventually(bytes -> indexOf(bytes, expected) >= 0, "the text \"" + escaped(text) + "\"");
    }

    /**
     * Verifies that the app writes this byte sequence anywhere in its output.
     *
     * @param expected the bytes, consecutive
     * @return this assertion
     */
    public SELF receivedBytes(byte[] expected) {
        byte[] copy = expected.clone();
        return eventually(bytes -> indexOf(bytes, copy) >= 0, "the bytes [" + ByteFormat.hex(copy) + "]");
    }

    /**
     * Verifies that the app writes this byte sequence anywhere in its output, written as unsigned values,
     * e.g. {@code receivedBytes(0x02, 0xFF, 0x03)}.
     *
     * @param values the bytes, consecutive, each 0 to 255
     * @return this assertion
     * @throws IllegalArgumentException if a value is outside 0 to 255
     */
    public SELF receivedBytes(int... values) {
        byte[] expected = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFF) {
                throw new IllegalArgumentException("a byte value is 0 to 255, got " + values[i]);
            }
            expected[i] = (byte) values[i];
        }
        return receivedBytes(expected);
    }

    /**
     * Verifies that everything the app writes is exactly these bytes.
     *
     * @param expected all the bytes
     * @return this assertion
     */
    public SELF receivedExactly(byte[] expected) {
        byte[] copy = expected.clone();
        return eventually(bytes -> Arrays.equals(bytes, copy), "exactly " + ByteFormat.describe(copy) + "\n");
    }

    /**
     * Verifies that the app writes nothing at all during the given time; waits that long unless something
     * arrives earlier.
     *
     * @param quietPeriod how long the app must stay silent
     * @return this assertion
     */
    public SELF receivedNothingWithin(Duration quietPeriod) {
        isNotNull();
        SimulatedDevice device = device();
        if (device.awaitWritten(bytes -> bytes.length > 0, quietPeriod)) {
            failWithMessage("%s", "Expected the app to write nothing to the " + device + " for " + quietPeriod.toMillis()
                    + " ms, but it wrote " + ByteFormat.describe(device.written()));
        }
        return myself;
    }

    private SELF eventually(Predicate<byte[]> condition, String expectation) {
        isNotNull();
        SimulatedDevice device = device();
        if (!device.awaitWritten(condition, timeout)) {
            failWithMessage("%s", "Expected the app to write " + expectation + " to the " + device + " within "
                    + timeout.toMillis() + " ms, but it wrote " + ByteFormat.describe(device.written()));
        }
        return myself;
    }

    private static String escaped(String text) {
        return ByteFormat.escaped(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(List<String> lines) {
        return lines.stream().map(line -> "\"" + escaped(line) + "\"").toList().toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
