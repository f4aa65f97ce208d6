package dev.midge.serial.internal.script;

import dev.midge.serial.ScriptRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a script's steps on a daemon thread of its own. Pauses and waits for the app's lines are cut short when the
 * run is stopped, so stopping (and closing the port) ends the thread at once.
 */
public final class ScriptPlayer implements ScriptRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptPlayer.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final String script;
    private final ScriptTarget target;
    private final List<Function<String, String>> replies;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object sleeping = new Object();
    private volatile Step current;
    private volatile String failure;
    private volatile boolean stopped;
    private long startNanos;

    private ScriptPlayer(String script, List<Step> steps, List<Function<String, String>> replies, ScriptTarget target,
                         String threadName) {
        this.script = script;
        this.replies = replies;
        this.current = steps.isEmpty() ? null : steps.get(0);
        this.target = target;
        this.thread = new Thread(() -> run(steps), threadName);
        this.thread.setDaemon(true);
    }

    /**
     * @param script     the script's name, for messages
     * @param steps      what to play
     * @param replies    the script's replies: an {@code expect} passes over the lines they answer
     * @param target     the device to play it on
     * @param threadName the name of the thread that plays it
     * @return the run, already playing
     */
    public static ScriptPlayer start(String script, List<Step> steps, List<Function<String, String>> replies,
                                     ScriptTarget target, String threadName) {
        ScriptPlayer player = new ScriptPlayer(script, steps, replies, target, threadName);
        player.thread.start();
        return player;
    }

    private void run(List<Step> steps) {
        startNanos = System.nanoTime();
        try {
            play(steps);
            LOG.debug("{}: played to the end", script);
        } catch (Stopped stop) {
            LOG.debug("{}: stopped at line {}", script, current == null ? 0 : current.line());
        } catch (RuntimeException | AssertionError e) {
            failure = script + ":" + current.line() + ": " + e.getMessage();
            LOG.debug("{}", failure);
        } finally {
            finished.countDown();
        }
    }

    private void play(List<Step> steps) {
        for (Step step : steps) {
            if (stopped) {
                throw new Stopped();
            }
            current = step;
            playOne(step);
        }
    }

    private void playOne(Step step) {
        if (step instanceof Step.SendLine send) {
            target.sendLine(send.text());
        } else if (step instanceof Step.SendBytes send) {
            target.send(send.bytes());
        } else if (step instanceof Step.Pause pause) {
            sleepUntil(System.nanoTime() + pause.duration().toNanos());
        } else if (step instanceof Step.At at) {
            sleepUntil(startNanos + at.offset().toNanos());
        } else if (step instanceof Step.Expect expect) {
            expect(expect);
        } else if (step instanceof Step.Repeat repeat) {
            for (int i = 0; repeat.times() == 0 || i < repeat.times(); i++) {
                play(repeat.body());
            }
        }
    }

    private void expect(Step.Expect expect) {
        long deadline = System.nanoTime() + expect.timeout().toNanos();
        while (true) {
            String line = nextLine(expect, deadline);
            if (line.equals(expect.text())) {
                return;
            }
            if (!answered(line)) {
                throw new AssertionError("expected the app to write \"" + expect.text() + "\", but it wrote \""
                        + line + "\"");
            }
        }
    }

    private String nextLine(Step.Expect expect, long deadline) {
        Optional<String> line = Optional.empty();
        while (line.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (stopped) {
                throw new Stopped();
            }
            if (left <= 0) {
                throw new AssertionError("expected the app to write \"" + expect.text() + "\" within "
                        + expect.timeout().toMillis() + " ms, but it wrote " + target.describeUntaken());
            }
            line = target.takeLine(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
        return line.get();
    }

    private boolean answered(String line) {
        for (Function<String, String> reply : replies) {
            if (reply.apply(line) != null) {
                return true;
            }
        }
        return false;
    }

    private void sleepUntil(long deadline) {
        synchronized (sleeping) {
            for (long left = deadline - System.nanoTime(); left > 0 && !stopped; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sleeping, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
            }
        }
        if (stopped) {
            throw new Stopped();
        }
    }

    @Override
    public void awaitFinished(Duration timeout) {
        try {
            if (!finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                Step at = current;
                throw new AssertionError(script + " did not finish within " + timeout.toMillis() + " ms: it is at line "
                        + at.line());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(script + ": interrupted while waiting for it to finish", e);
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    @Override
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    @Override
    public void stop() {
        stopped = true;
        synchronized (sleeping) {
            sleeping.notifyAll();
        }
    }

    /**
     * Stops the run and waits for its thread to end.
     *
     * @param timeout how long to wait
     * @return whether it ended in time
     */
    public boolean stopAndWait(Duration timeout) {
        stop();
        try {
            return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Unwinds the run when it is stopped. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
