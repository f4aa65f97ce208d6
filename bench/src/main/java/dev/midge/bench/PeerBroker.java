package dev.midge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One broker a peer benchmark measures, running as a child process on a free loopback port: Midge or Moquette, each
 * in a JVM of its own with the same JVM options, or Debian's Mosquitto. Closing it stops the process.
 */
final class PeerBroker implements AutoCloseable {

    /** The JVM options both JVM brokers get: a heap whose default memory budget admits 10 000 idle connections. */
    static final String[] JVM_OPTIONS = {"-Xmx512m"};

    private final String name;
    private final Process process;
    private final int port;
    private final boolean jvm;
    private final Path config;

    private PeerBroker(String name, Process process, int port, boolean jvm, Path config) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.jvm = jvm;
        this.config = config;
    }

    /** @return the names {@link #start} takes, in the order the benchmarks report them */
    static String[] names() {
        return new String[] {"Midge", "Moquette", "Mosquitto"};
    }

    /**
     * @param name one of {@link #names()}
     * @return that broker, listening
     */
    static PeerBroker start(String name) throws IOException, InterruptedException {
        int port = BrokerProcesses.freePort();
        switch (name) {
            case "Midge":
                return new PeerBroker(name, BrokerProcesses.midge(port, JVM_OPTIONS), port, true, null);
            case "Moquette":
                return new PeerBroker(name, BrokerProcesses.moquette(port, JVM_OPTIONS), port, true, null);
            case "Mosquitto":
                BrokerProcesses.requireMosquitto();
                Path config = Files.createTempFile("bench-mosquitto", ".conf");
                try {
                    return new PeerBroker(name, BrokerProcesses.mosquitto(port, config), port, false, config);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(config);
                    throw e;
                }
            default:
                throw new IllegalArgumentException("no broker named " + name);
        }
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    /** @return whether the broker runs on a JVM, so that its live heap can be read */
    boolean jvm() {
        return jvm;
    }

    @Override
    public void close() throws IOException {
        try {
            BrokerProcesses.stop(process);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (config != null) {
                Files.deleteIfExists(config);
            }
        }
    }
}
