package dev.midge.broker.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Mosquitto broker, the upstream of a Midge bridge or the edge of one into Midge: started on a free loopback
 * port with the configuration lines a test adds, stopped by its process handle, and restartable on the same port with
 * the same persistence directory. A missing mosquitto fails the test and names the package.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path config;
    private final int port;
    private Process process;

    private MosquittoBroker(Path config, int port) {
        this.config = config;
        this.port = port;
    }

    /**
     * Mosquitto started as root reads its files and writes its persistence file as the user {@code mosquitto}: the
     * directory it gets, and the way there, must let that user in.
     *
     * @param tempDir a test's temporary directory, which only its owner may enter
     * @return a directory in it for mosquitto's files, and the files the test gives it
     */
    static Path directory(Path tempDir) throws IOException {
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path dir = Files.createDirectories(tempDir.resolve("mosquitto"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /**
     * @param dir   a {@link #directory} for the configuration and the persistence file
     * @param lines configuration lines beside the listener and the persistence settings
     */
    static MosquittoBroker start(Path dir, String... lines) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: the bridge interop tests need Debian's package mosquitto "
                    + "(apt-get install mosquitto), which .ci/run installs");
        }
        int port = freePort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\npersistence true\npersistence_location "
                + dir.toAbsolutePath() + "/\n" + String.join("\n", lines) + "\n");
        MosquittoBroker mosquitto = new MosquittoBroker(config, port);
        mosquitto.launch();
        return mosquitto;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            await().atMost(START_TIMEOUT).until(() -> accepts() || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited with " + process.exitValue() + " on port " + port);
            }
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops mosquitto as a service stop would (it saves its persistence file) and waits until it has. */
    void stop() {
        close();
    }

    /** Starts mosquitto again on the same port, with what it saved. */
    void restart() throws IOException {
        launch();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
