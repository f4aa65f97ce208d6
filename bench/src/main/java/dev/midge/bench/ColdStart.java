package dev.midge.bench;

import dev.midge.broker.Broker;

import java.lang.management.ManagementFactory;

/**
 * One fresh JVM: starts a broker, connects to it, prints how long after the JVM's start the first CONNACK came,
 * then exits. Launched many times by {@link ColdStartBenchmark}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        long connacked;
        try (Broker broker = Broker.builder().port(0).start()) {
            RawConnect.connack("127.0.0.1", broker.port());
            connacked = System.currentTimeMillis();
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((connacked - jvmStart) + " " + (connacked - mainEntered));
    }
}
