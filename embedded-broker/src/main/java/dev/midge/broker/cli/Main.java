package dev.midge.broker.cli;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.internal.config.ConfigFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the broker standalone, in the foreground, until Ctrl-C:
 * {@code java -jar midge-broker.jar --port 1883 --ws-port 8083}.
 */
public final class Main {

    /** Named here as the user names it: the command line depends on the public API only. */
    private static final String NATIVE_TRANSPORT = "midge.nativeTransport";

    private Main() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        // A broker of its own serves its clients for long: epoll's lower cost per connection and per wake-up is worth
        // the milliseconds its native library takes to load, which embedded brokers in test JVMs are spared.
        if (System.getProperty(NATIVE_TRANSPORT) == null) {
            System.setProperty(NATIVE_TRANSPORT, "true");
        }
        if (args.length > 0 && args[0].equals("passwd")) {
            System.exit(Passwd.run(List.of(args).subList(1, args.length),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.err));
            return;
        }
        Options parsed;
        try {
            parsed = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("midge-broker: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        Broker broker;
        try {
            ConfigFile file = parsed.config() == null ? null : ConfigFile.read(parsed.config());
            options = file == null ? parsed : Options.parse(List.of(args), file);
            broker = start(options, file);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("midge-broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.check()) {
            System.exit(check(broker, System.out, System.err) ? 0 : 1);
            return;
        }
        Path caFile;
        try {
            caFile = caFile(broker, options);
        } catch (IOException e) {
            broker.close();
            System.err.println("midge-broker: cannot write the self-signed certificate: " + e.getMessage());
            System.exit(1);
            return;
        }
        printBanner(broker, options, caFile, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            if (caFile != null && options.certificate() == null) {
                deleteQuietly(caFile);
            }
            System.out.println("Midge stopped.");
            stopped.countDown();
        }, "midge-shutdown"));
        awaitUninterruptibly(stopped);
    }

    static Broker start(Options options) {
        return start(options, null);
    }

    /**
     * @param file the configuration file the options override, or null
     */
    static Broker start(Options options, ConfigFile file) {
        BrokerBuilder builder = Broker.builder();
        if (file != null) {
            file.applyTo(builder);
        }
        builder.host(options.host()).port(options.port());
        if (options.websocketPort() >= 0) {
            builder.websocketPort(options.websocketPort());
        }
        if (options.tlsPort() >= 0) {
            builder.tlsPort(options.tlsPort());
        }
        if (options.secureWebsocketPort() >= 0) {
            builder.secureWebsocketPort(options.secureWebsocketPort());
        }
        if (options.certificate() != null) {
            builder.tlsCertificate(options.certificate(), options.key());
        }
        if (options.clientCa() != null) {
            builder.tlsClientCertificates(options.clientCa());
        }
        if (options.sysIntervalSeconds() > 0) {
            builder.sysTopics(Duration.ofSeconds(options.sysIntervalSeconds()));
        }
        if (options.memoryBudget() > 0) {
            builder.memoryBudget(options.memoryBudget());
        }
        if (options.maxQueuedBytes() > 0) {
            builder.maxQueuedBytes(options.maxQueuedBytes());
        }
        if (options.writeTimeoutSeconds() > 0) {
            builder.writeTimeout(Duration.ofSeconds(options.writeTimeoutSeconds()));
        }
        if (!options.topicAliases()) {
            builder.topicAliases(false);
        }
        return builder.start();
    }

    /**
     * @return the file clients should trust: the user's certificate chain, or the self-signed certificate written
     *         to a temporary file; null when no listener speaks TLS
     */
    static Path caFile(Broker broker, Options options) throws IOException {
        if (!options.tls()) {
            return null;
        }
        if (options.certificate() != null) {
            return options.certificate();
        }
        return broker.certificate().writePem(Files.createTempFile("midge-broker-", ".pem"));
    }

    /**
     * @return whether a client was accepted; the broker is closed either way
     */
    static boolean check(Broker broker, PrintStream out, PrintStream err) {
        try (broker) {
            int code = SelfCheck.connect(broker);
            if (code == 0) {
                out.println("Midge check passed: " + broker.uri() + " accepted an MQTT 3.1.1 client.");
                return true;
            }
            err.println("midge-broker: check failed: " + broker.uri() + " refused an MQTT 3.1.1 client with CONNACK " + code);
        } catch (IOException e) {
            err.println("midge-broker: check failed: " + broker.uri() + ": " + e.getMessage());
        }
        return false;
    }

    static void printBanner(Broker broker, Options options, Path caFile, PrintStream out) {
        out.println("Midge MQTT broker (MQTT 3.1, 3.1.1, 5.0) listening on:");
        out.println("  " + broker.uri());
        if (options.websocketPort() >= 0) {
            out.println("  " + broker.websocketUri());
        }
        if (options.tlsPort() >= 0) {
            out.println("  " + broker.tlsUri());
        }
        if (options.secureWebsocketPort() >= 0) {
            out.println("  " + broker.secureWebsocketUri());
        }
        if (caFile != null) {
            out.println("TLS clients trust the CA file " + caFile + (options.certificate() == null
                    ? " (a self-signed certificate for localhost and 127.0.0.1, deleted on exit)" : ""));
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("midge-broker: could not delete " + file + ": " + e.getMessage());
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
