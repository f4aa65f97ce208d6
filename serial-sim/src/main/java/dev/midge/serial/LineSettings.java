package dev.midge.serial;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framing of a serial line: baud rate, data bits, parity and stop bits, written the usual way
 * ({@code "9600 8N1"}).
 *
 * @param baudRate bits per second, positive
 * @param dataBits 5 to 8
 * @param parity   the parity bit
 * @param stopBits the stop bits
 */
public record LineSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits) {

    private static final Pattern NOTATION = Pattern.compile("(\\d+)\\s+([5-8])([NOEMS])(1\\.5|1|2)");

    /** The parity bit of each character. */
    public enum Parity {
        /** No parity bit. */
        NONE('N'),
        /** Odd parity. */
        ODD('O'),
        /** Even parity. */
        EVEN('E'),
        /** Parity bit always 1. */
        MARK('M'),
        /** Parity bit always 0. */
        SPACE('S');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        /**
         * Returns the letter used in the short notation, e.g. {@code 'N'} in {@code 8N1}.
         *
         * @return the letter
         */
        public char letter() {
            return letter;
        }

        static Parity ofLetter(char letter) {
            for (Parity parity : values()) {
                if (parity.letter == letter) {
                    return parity;
                }
            }
            throw new IllegalArgumentException("no parity is written '" + letter + "'");
        }
    }

    /** The stop bits closing each character. */
    public enum StopBits {
        /** One stop bit. */
        ONE("1", 2),
        /** One and a half stop bits (5-bit characters on old hardware). */
        ONE_POINT_FIVE("1.5", 3),
        /** Two stop bits. */
        TWO("2", 4);

        private final String notation;
        private final int halfBits;

        StopBits(String notation, int halfBits) {
            this.notation = notation;
            this.halfBits = halfBits;
        }

        static StopBits ofNotation(String notation) {
            for (StopBits stopBits : values()) {
                if (stopBits.notation.equals(notation)) {
                    return stopBits;
                }
            }
            throw new IllegalArgumentException("no stop bits are written '" + notation + "'");
        }
    }

    /**
     * Checks the values.
     *
     * @param baudRate bits per second, positive
     * @param dataBits 5 to 8
     * @param parity   the parity bit
     * @param stopBits the stop bits
     * @throws IllegalArgumentException if the baud rate is not positive or the data bits are not 5 to 8
     * @throws NullPointerException     if parity or stop bits are null
     */
    public LineSettings {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8: " + dataBits);
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
    }

    /**
     * Reads the short notation, e.g. {@code "9600 8N1"}, {@code "115200 7E2"} or {@code "300 5N1.5"}.
     *
     * @param notation baud rate, a space, data bits, parity letter (N, O, E, M, S) and stop bits
     * @return the settings
     * @throws IllegalArgumentException if the text does not follow the notation
     */
    public static LineSettings parse(String notation) {
        Matcher matcher = NOTATION.matcher(notation.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected line settings like \"9600 8N1\", got \"" + notation + "\"");
        }
        return new LineSettings(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Parity.ofLetter(matcher.group(3).charAt(0)),
                StopBits.ofNotation(matcher.group(4)));
    }

    /**
     * Returns how long one character occupies the wire: start bit, data bits, parity bit and stop bits.
     *
     * @return the time of one character at this baud rate, e.g. about 1.04 ms for 9600 8N1
     */
    public Duration characterTime() {
        int halfBits = 2 * (1 + dataBits + (parity == Parity.NONE ? 0 : 1)) + stopBits.halfBits;
        return Duration.ofNanos(halfBits * 500_000_000L / baudRate);
    }

    /**
     * Returns the short notation.
     *
     * @return e.g. {@code "9600 8N1"}
     */
    @Override
    public String toString() {
        return baudRate + " " + dataBits + parity.letter + stopBits.notation;
    }
}
