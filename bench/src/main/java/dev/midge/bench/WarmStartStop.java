package dev.midge.bench;

import dev.midge.broker.Broker;
import io.netty.channel.Channel;

/**
 * Warm start and stop of a broker in one JVM, as a test suite with a broker per test method sees them, against a
 * bare Netty TCP server ({@link BareNetty}) bound and closed on the same machine in the same run (the floor any broker
 * built on Netty stands on).
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.WarmStartStop}
 */
public final class WarmStartStop {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 1000;

    private WarmStartStop() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long[] start = new long[MEASURED];
        long[] firstConnack = new long[MEASURED];
        long[] stop = new long[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            Broker broker = Broker.builder().port(0).start();
            long t1 = System.nanoTime();
            RawConnect.connack("127.0.0.1", broker.port());
            long t2 = System.nanoTime();
            broker.close();
            long t3 = System.nanoTime();
            if (i >= 0) {
                start[i] = t1 - t0;
                firstConnack[i] = t2 - t0;
                stop[i] = t3 - t2;
            }
        }
        long[] refStart = new long[MEASURED];
        long[] refStop = new long[MEASURED];
        try (BareNetty netty = new BareNetty()) {
            for (int i = -WARM_UP; i < MEASURED; i++) {
                long t0 = System.nanoTime();
                Channel server = netty.listen();
                long t1 = System.nanoTime();
                server.close().sync();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    refStart[i] = t1 - t0;
                    refStop[i] = t2 - t1;
                }
            }
        }
        Stats midgeStart = new Stats(start);
        Stats midgeStop = new Stats(stop);
        Stats bareStart = new Stats(refStart);
        Stats bareStop = new Stats(refStop);
        System.out.println("Warm, same JVM, " + MEASURED + " brokers after " + WARM_UP + " warm-up runs");
        System.out.println("  Midge start (builder.start() returns)  " + midgeStart.describe());
        System.out.println("  Midge start to first CONNACK           " + new Stats(firstConnack).describe());
        System.out.println("  Midge stop  (close() returns)          " + midgeStop.describe());
        System.out.println("  Reference: bare Netty server bind      " + bareStart.describe());
        System.out.println("  Reference: bare Netty server close     " + bareStop.describe());
        System.out.printf("  Ratio start Midge / bare listen: %.2f    stop Midge / bare close: %.2f%n",
                midgeStart.medianMillis() / bareStart.medianMillis(), midgeStop.medianMillis() / bareStop.medianMillis());
    }
}
