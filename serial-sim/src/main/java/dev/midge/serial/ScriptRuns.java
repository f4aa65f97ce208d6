package dev.midge.serial;

import dev.midge.serial.internal.ByteFormat;
import dev.midge.serial.internal.WrittenBytes;
import dev.midge.serial.internal.script.ScriptPlayer;
import dev.midge.serial.internal.script.ScriptTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scripts playing on one device: each on a daemon thread of its own, all stopped when the device closes. */
final class ScriptRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRuns.class);
    private static final Duration SHUTDOWN = Duration.ofSeconds(5);

    private final String name;
    private final ScriptTarget target;
    private final List<ScriptPlayer> runs = new ArrayList<>();
    private boolean closed;

    ScriptRuns(String name, SimulatedDevice device, WrittenBytes written) {
        this.name = name;
        this.target = new ScriptTarget() {
            @Override
            public void sendLine(String text) {
                device.sendLine(text);
            }

            @Override
            public void send(byte[] bytes) {
                device.send(bytes);
            }

            @Override
            public Optional<String> takeLine(Duration timeout) {
                return written.takeLine(timeout);
            }

            @Override
            public String describeUntaken() {
                return ByteFormat.describe(written.untaken());
            }
        };
    }

    synchronized ScriptRun start(DeviceScript script, List<Function<String, String>> responders) {
        if (closed) {
            throw new IllegalStateException("the device of " + name + " is closed");
        }
        runs.removeIf(ScriptPlayer::isFinished);
        ScriptPlayer run = ScriptPlayer.start(script.name(), script.steps(), responders, target,
                "midge-serial-" + name + "-script");
        runs.add(run);
        return run;
    }

    void close() {
        List<ScriptPlayer> toStop;
        synchronized (this) {
            closed = true;
            toStop = List.copyOf(runs);
            runs.clear();
        }
        for (ScriptPlayer run : toStop) {
            if (!run.stopAndWait(SHUTDOWN)) {
                LOG.warn("{}: a device script did not stop within {} s", name, SHUTDOWN.toSeconds());
            }
        }
    }
}
