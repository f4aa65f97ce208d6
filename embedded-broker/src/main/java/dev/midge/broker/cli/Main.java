package dev.midge.broker.cli;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the broker standalone, in the foreground, until Ctrl-C:
 * {@code java -jar midge-broker.jar --port 1883 --ws-port 8083}.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.vertx", "warn");
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("midge-broker: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Broker broker;
        try {
            broker = start(options);
        } catch (IllegalStateException e) {
            System.err.println("midge-broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        printBanner(broker, options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("Midge stopped.");
            stopped.countDown();
        }, "midge-shutdown"));
        awaitUninterruptibly(stopped);
    }

    static Broker start(Options options) {
        BrokerBuilder builder = Broker.builder().host(options.host()).port(options.port());
        if (options.websocketPort() >= 0) {
            builder.websocketPort(options.websocketPort());
        }
        return builder.start();
    }

    static void printBanner(Broker broker, Options options, PrintStream out) {
        out.println("Midge MQTT broker (MQTT 3.1, 3.1.1, 5.0) listening on:");
        out.println("  " + broker.uri());
        if (options.websocketPort() >= 0) {
            out.println("  " + broker.websocketUri());
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
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
