package dev.midge.serial.internal.script;

import java.time.Duration;
import java.util.Optional;

/**
 * The device a script plays: what the script's commands do to it.
 */
public interface ScriptTarget {

    /** Sends one line with the device's line ending. */
    void sendLine(String text);

    /** Sends raw bytes. */
    void send(byte[] bytes);

    /**
     * @return the next line the app wrote, waiting up to the timeout; empty when none arrived
     */
    Optional<String> takeLine(Duration timeout);

    /**
     * @return what the app wrote that no one has taken yet, for a failure message
     */
    String describeUntaken();
}
