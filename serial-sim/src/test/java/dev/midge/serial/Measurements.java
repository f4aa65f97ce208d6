package dev.midge.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Prints the figures quoted in docs/serial-sim.md: how long a virtual port takes to create, and the round
 * trip of a line from jSerialComm through an echoing device and back. Run with
 * {@code ./mvnw -q -pl serial-sim test-compile exec:java -Dexec.mainClass=dev.midge.serial.Measurements -Dexec.classpathScope=test}.
 */
public final class Measurements {

    private static final int PORTS = 200;
    private static final int ROUND_TRIPS = 2000;

    private Measurements() {
    }

    /**
     * Runs the measurements.
     *
     * @param args ignored
     * @throws IOException if the app's reads fail
     */
    public static void main(String[] args) throws IOException {
        long first = System.nanoTime();
        VirtualSerialPort.open().close();
        System.out.printf("first port (loads JNA): %.1f ms%n", (System.nanoTime() - first) / 1e6);

        long[] creation = new long[PORTS];
        for (int i = 0; i < PORTS; i++) {
            long start = System.nanoTime();
            VirtualSerialPort port = VirtualSerialPort.open();
            creation[i] = System.nanoTime() - start;
            port.close();
        }
        print("create a port (pseudo-terminal, link, reader thread)", creation);

        try (VirtualSerialPort port = VirtualSerialPort.open(); PiPort app = PiPort.open(port.path(), 115200)) {
            port.device().echo();
            BufferedReader reader = app.lines();
            long[] trips = new long[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long start = System.nanoTime();
                app.write("T=" + i + "\n");
                reader.readLine();
                trips[i] = System.nanoTime() - start;
            }
            print("round trip app -> echo device -> app, one line", trips);
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %s, p99 %s (n=%d)%n", what, format(sorted[sorted.length / 2]),
                format(sorted[sorted.length * 99 / 100]), sorted.length);
    }

    private static String format(long nanos) {
        return nanos < 1_000_000 ? nanos / 1000 + " µs" : Duration.ofNanos(nanos).toMillis() + " ms";
    }
}
