package dev.midge.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a client that floods and never reads costs a broker, and the other clients: one client sends PINGREQs (then,
 * in a second round, QoS 1 PUBLISHes) as fast as the broker takes them and reads nothing, while a well-behaved
 * client measures its QoS 1 round trips. Reported per broker: resident memory at rest, at the peak of the flood and
 * after it (for Midge also the live heap, after a full collection, at rest, at the end of the flood with the flooder
 * still connected, and after it), and the round trip's median and 99th percentile during the flood. Midge
 * (the standalone jar's main class, in its own JVM with a 256 MiB heap) against Debian's Mosquitto in the same run.
 * Linux only.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.midge.bench.FloodBench}
 */
public final class FloodBench {

    private static final Duration FLOOD = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int FLOODER_RECEIVE_BUFFER = 4096;

    private FloodBench() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        BrokerProcesses.requireMosquitto();
        List<String> report = new ArrayList<>();
        int midgePort = BrokerProcesses.freePort();
        Process midge = BrokerProcesses.midge(midgePort, "-Xmx256m");
        try {
            measure("Midge", midge, midgePort, true, report);
        } finally {
            BrokerProcesses.stop(midge);
        }
        int mosquittoPort = BrokerProcesses.freePort();
        Path config = Files.createTempFile("bench-mosquitto", ".conf");
        Process mosquitto = BrokerProcesses.mosquitto(mosquittoPort, config);
        try {
            measure("Mosquitto", mosquitto, mosquittoPort, false, report);
        } finally {
            BrokerProcesses.stop(mosquitto);
            Files.deleteIfExists(config);
        }
        System.out.printf("A client floods for %d s without reading; another measures QoS 1 round trips meanwhile%n",
                FLOOD.toSeconds());
        report.forEach(System.out::println);
    }

    private static void measure(String name, Process broker, int port, boolean jvm, List<String> report)
            throws Exception {
        warmUp(port);
        report.add(String.format("%-9s at rest: RSS %6.1f MiB%s", name, rssMiB(broker), heap(broker, jvm)));
        flood(name + " PINGREQ flood", broker, port, jvm, new byte[] {(byte) 0xC0, 0}, report);
        flood(name + " QoS 1 flood", broker, port, jvm, qos1Publishes(), report);
    }

    private static void flood(String label, Process broker, int port, boolean jvm, byte[] packet,
                              List<String> report) throws Exception {
        byte[] burst = new byte[64 * 1024 / packet.length * packet.length];
        for (int i = 0; i < burst.length; i += packet.length) {
            System.arraycopy(packet, 0, burst, i, packet.length);
        }
        AtomicBoolean flooding = new AtomicBoolean(true);
        Socket flooder = new Socket();
        flooder.setReceiveBufferSize(FLOODER_RECEIVE_BUFFER);
        flooder.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread writer = new Thread(() -> writeUntilStopped(flooder, burst, flooding), "flooder");
        writer.setDaemon(true);
        writer.start();
        List<Long> roundTrips = new ArrayList<>();
        double peakRss = 0;
        String duringHeap;
        long end = System.nanoTime() + FLOOD.toNanos();
        try (RawMqtt probe = new RawMqtt(port, "probe")) {
            probe.subscribe("probe/round-trip", 1);
            int packetId = 0;
            while (System.nanoTime() < end && broker.isAlive()) {
                long start = System.nanoTime();
                packetId = packetId % 65535 + 1;
                probe.qos1RoundTrip("probe/round-trip", "ping".getBytes(StandardCharsets.UTF_8), packetId);
                roundTrips.add(System.nanoTime() - start);
                peakRss = Math.max(peakRss, rssMiB(broker));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, start + PROBE_INTERVAL_NANOS - System.nanoTime()));
            }
            duringHeap = heap(broker, jvm);
        } finally {
            flooding.set(false);
            flooder.close();
            writer.join(TimeUnit.SECONDS.toMillis(5));
        }
        TimeUnit.NANOSECONDS.sleep(SETTLE.toNanos());
        Stats stats = new Stats(roundTrips.stream().mapToLong(Long::longValue).toArray());
        report.add(String.format("%-26s peak RSS %6.1f MiB%s, after %6.1f MiB%s; round trip median %7.3f ms, "
                        + "p99 %7.3f ms (n=%d)", label, peakRss, duringHeap, rssMiB(broker), heap(broker, jvm),
                stats.medianMillis(), stats.percentileMillis(99), roundTrips.size()));
    }

    private static void writeUntilStopped(Socket flooder, byte[] burst, AtomicBoolean flooding) {
        try {
            OutputStream out = flooder.getOutputStream();
            byte[] id = "flooder".getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 0, 0,
                    (byte) id.length});
            out.write(id);
            while (flooding.get()) {
                out.write(burst);
            }
        } catch (IOException closed) {
            // The flood ends when the socket is closed under it, or when the broker cuts it.
        }
    }

    private static byte[] qos1Publishes() {
        byte[] topic = "flood".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "reading".getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + topic.length + 2 + payload.length;
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x32;
        packet[1] = (byte) remaining;
        packet[3] = (byte) topic.length;
        System.arraycopy(topic, 0, packet, 4, topic.length);
        packet[4 + topic.length + 1] = 1;
        System.arraycopy(payload, 0, packet, 6 + topic.length, payload.length);
        return packet;
    }

    private static void warmUp(int port) throws IOException {
        try (RawMqtt probe = new RawMqtt(port, "warm-up")) {
            probe.subscribe("warm-up", 1);
            for (int i = 1; i <= 2000; i++) {
                probe.qos1RoundTrip("warm-up", new byte[] {1}, i);
            }
        }
    }

    private static double rssMiB(Process process) throws IOException {
        return ProcessMeasures.rssKiB(process) / 1024.0;
    }

    private static String heap(Process process, boolean jvm) throws IOException, InterruptedException {
        return jvm ? String.format(" (live heap %5.1f MiB)", ProcessMeasures.liveHeapKiB(process) / 1024.0) : "";
    }
}
