package dev.midge.junit.external;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Mosquitto broker started on a free loopback port for the duration of a test, stopped by its process
 * handle. A missing mosquitto fails the test and names the package.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path config;
    private final int port;

    private MosquittoBroker(Process process, Path config, int port) {
        this.process = process;
        this.config = config;
        this.port = port;
    }

    static MosquittoBroker start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: the external-mode tests need Debian's package mosquitto "
                    + "(apt-get install mosquitto), which .ci/run installs");
        }
        int port = freePort();
        Path config = Files.createTempFile("midge-mosquitto", ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, config, port);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.accepts() || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited with " + process.exitValue() + " on port " + port);
            }
        } catch (RuntimeException | AssertionError e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
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
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
