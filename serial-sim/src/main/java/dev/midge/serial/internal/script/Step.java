package dev.midge.serial.internal.script;

import java.time.Duration;
import java.util.List;

/**
 * One command of a device script, with the line of the script it came from so that a failure can point at it.
 */
public sealed interface Step {

    /** @return the line of the script this step was written on, from 1 */
    int line();

    /** {@code send TEXT}: one line, with the device's line ending. */
    record SendLine(int line, String text) implements Step {
    }

    /** {@code send-bytes HEX…}: raw bytes. */
    record SendBytes(int line, byte[] bytes) implements Step {
    }

    /** {@code wait DURATION}: a pause. */
    record Pause(int line, Duration duration) implements Step {
    }

    /** {@code at DURATION}: a pause until that long after the script started, as in a recorded trace. */
    record At(int line, Duration offset) implements Step {
    }

    /** {@code expect LINE [within DURATION]}: the app must write this line. */
    record Expect(int line, String text, Duration timeout) implements Step {
    }

    /** {@code repeat [N]} … {@code end}: the body N times, or until the run stops when {@code times} is 0. */
    record Repeat(int line, int times, List<Step> body) implements Step {
    }
}
