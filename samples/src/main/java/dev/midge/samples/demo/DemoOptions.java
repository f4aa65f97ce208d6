package dev.midge.samples.demo;

import dev.midge.samples.CommandLine;

import java.time.Duration;
import java.util.Set;

/**
 * How the demo runs.
 *
 * @param host          the address the broker listens on
 * @param port          the MQTT port; 0 for a free one
 * @param websocketPort the MQTT over WebSocket port; 0 for a free one
 * @param pace          the pause between steps, so a person can follow
 * @param keepRunning   whether the broker and the simulated Pi stay up after the story, until Ctrl-C
 * @param verbose       whether the samples' own logs are shown
 */
public record DemoOptions(String host, int port, int websocketPort, Duration pace, boolean keepRunning,
                          boolean verbose) {

    /** The ports of the source guide's broker: MQTT 1883 and WebSocket 8083. */
    public static final DemoOptions DEFAULTS = new DemoOptions("127.0.0.1", 1883, 8083, Duration.ofMillis(600),
            false, false);

    static final String USAGE = """
            Options:
              --host <address>   address the broker listens on (default 127.0.0.1; 0.0.0.0 to let other machines in)
              --port <port>      MQTT port (default 1883; a free one if it is busy; 0 for a free one)
              --ws-port <port>   MQTT over WebSocket port, path /mqtt (default 8083; a free one if it is busy)
              --pace-ms <ms>     pause between steps (default 600)
              --keep-running     keep the broker and the simulated Pi up after the story, until Ctrl-C
              --verbose          show the samples' own log lines too
            """;

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming a wrong argument
     */
    public static DemoOptions parse(String[] args) {
        CommandLine commandLine = CommandLine.parse(args, Set.of("host", "port", "ws-port", "pace-ms"),
                Set.of("keep-running", "verbose"));
        return new DemoOptions(commandLine.value("host", DEFAULTS.host()),
                commandLine.intValue("port", DEFAULTS.port()),
                commandLine.intValue("ws-port", DEFAULTS.websocketPort()),
                Duration.ofMillis(commandLine.intValue("pace-ms", (int) DEFAULTS.pace().toMillis())),
                commandLine.flag("keep-running"), commandLine.flag("verbose"));
    }
}
