package dev.midge.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Starting and stopping the brokers a benchmark compares: Midge's standalone main class in a JVM of its own, Moquette
 * embedded in a JVM of its own (the {@code bench-moquette} module, on its own class path), and Debian's Mosquitto.
 */
final class BrokerProcesses {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Path MOQUETTE_MODULE = Path.of("bench-moquette", "target");

    private BrokerProcesses() {
    }

    /** @throws IllegalStateException when Mosquitto is not installed */
    static void requireMosquitto() {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException(MOSQUITTO + " is missing: the reference needs Debian's package mosquitto "
                    + "(apt-get install mosquitto)");
        }
    }

    /**
     * @param port         the TCP port
     * @param jvmArguments options for Midge's JVM, e.g. {@code -Xmx256m}
     * @return Midge, listening
     */
    static Process midge(int port, String... jvmArguments) throws IOException, InterruptedException {
        return midge(port, List.of(jvmArguments), List.of());
    }

    /**
     * @param port             the TCP port
     * @param jvmArguments     options for Midge's JVM, e.g. {@code -Xmx256m}
     * @param brokerArguments  options for the broker, e.g. {@code --config midge.conf}
     * @return Midge, listening
     */
    static Process midge(int port, List<String> jvmArguments, List<String> brokerArguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.command().addAll(jvmArguments);
        builder.command().addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.midge.broker.cli.Main", "--port", String.valueOf(port)));
        builder.command().addAll(brokerArguments);
        Process midge = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return listening(port, midge);
    }

    /**
     * @return the class path a project that embeds Midge runs with: the broker's jar (its dependencies relocated
     *         inside), SLF4J with its simple binding, and this module's classes
     */
    static String embeddingClassPath() {
        return benchClassPath(name -> name.startsWith("midge-embedded-broker-") || name.startsWith("slf4j-"));
    }

    /**
     * @param jarName which of this JVM's class-path jars to keep, by file name
     * @return this module's classes and the chosen jars of this JVM's class path, in their order
     */
    static String benchClassPath(Predicate<String> jarName) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry))
                        || jarName.test(Path.of(entry).getFileName().toString()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * @return the class path of the {@code bench-moquette} module, relative to the project's root directory
     * @throws IllegalStateException when that module is not built
     */
    static String moquetteClassPath() throws IOException {
        Path file = MOQUETTE_MODULE.resolve("classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run from the project's root directory after "
                    + "./mvnw -q -pl bench,bench-moquette -am package -DskipTests");
        }
        return Files.readString(file).trim() + File.pathSeparator + MOQUETTE_MODULE.resolve("classes");
    }

    /**
     * @param port         the TCP port
     * @param jvmArguments options for Moquette's JVM, e.g. {@code -Xmx256m}
     * @return Moquette, listening on the loopback address; it stops when its standard input closes
     */
    static Process moquette(int port, String... jvmArguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.command().addAll(List.of(jvmArguments));
        builder.command().addAll(List.of("-cp", moquetteClassPath(), "dev.midge.bench.moquette.MoquetteMain",
                "serve", String.valueOf(port)));
        Process moquette = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return listening(port, moquette);
    }

    /**
     * @param port   the TCP port
     * @param config a file to write Mosquitto's configuration to
     * @return Mosquitto, listening on the loopback address, anonymous clients allowed
     */
    static Process mosquitto(int port, Path config) throws IOException, InterruptedException {
        return mosquitto(port, config, "");
    }

    /**
     * @param port   the TCP port
     * @param config a file to write Mosquitto's configuration to
     * @param more   more configuration lines, e.g. {@code persistence true}
     * @return Mosquitto, listening on the loopback address, anonymous clients allowed
     */
    static Process mosquitto(int port, Path config, String more) throws IOException, InterruptedException {
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n" + more);
        Process mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return listening(port, mosquitto);
    }

    /** @return the process once it listens on the port; stopped when it does not */
    private static Process listening(int port, Process process) throws InterruptedException {
        try {
            awaitListening(port, process);
            return process;
        } catch (RuntimeException | InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    static void awaitListening(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        throw new IllegalStateException("broker on port " + port + " did not start");
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
