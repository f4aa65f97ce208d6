package dev.midge.broker.robustness;

import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.Broker;
import dev.midge.broker.ScramCredential;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.Bystander;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws mutated MQTT 3.1, 3.1.1 and 5.0 packet sequences at one broker over real sockets, each case on its own
 * TCP or WebSocket connection that the client then ends. After every batch a well-behaved client must still
 * complete a QoS 1 round trip to a bystander that stayed connected throughout, and no WARN or ERROR line nor
 * uncaught exception may have been logged. A connection the broker leaves open after the client's end of stream
 * fails the case.
 *
 * <p>Deterministic: case {@code n} of seed {@code s} is always the same bytes. System properties
 * {@code midge.fuzz.cases} (default 10,000; the Maven profile {@code fuzz} runs 100,000), {@code midge.fuzz.seed}
 * and {@code midge.fuzz.first} choose the cases; a failure names the ones to replay.
 */
class MutationFuzzTest {

    private static final int CASES = Integer.getInteger("midge.fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("midge.fuzz.seed", 20_260_211L);
    private static final int FIRST = Integer.getInteger("midge.fuzz.first", 0);
    private static final int BATCH = 500;
    private static final int THREADS = 4;
    private static final int MAX_PACKET_SIZE = 64 * 1024;
    private static final long BATCH_TIMEOUT_SECONDS = 120;

    private final Mutator mutator = new Mutator(SeedSequences.all());

    @Test
    void mutatedPacketSequencesCloseOnlyTheirOwnConnectionAndLogNothingAlarming() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LogCapture logs = LogCapture.start();
             Broker broker = Broker.builder().port(0).websocketPort(0).maxPacketSize(MAX_PACKET_SIZE)
                     .connectTimeout(Duration.ofSeconds(2)).responseInformation("fuzz/response/")
                     .enhancedAuthentication(AuthenticationMethod.scramSha256(
                             Map.of("fuzz", ScramCredential.fromPassword("fuzz"))))
                     .start();
             Bystander bystander = Bystander.watching(broker)) {
            LoggerFactory.getLogger(MutationFuzzTest.class).warn("Log capture self-check: this line is expected");
            assertThat(logs.drain()).as("the log capture works").hasSize(1);

            for (int start = FIRST; start < FIRST + CASES; start += BATCH) {
                int end = Math.min(start + BATCH, FIRST + CASES);
                runBatch(pool, broker, start, end);
                String batch = "after cases " + start + ".." + (end - 1) + " of seed " + SEED
                        + " (replay: -Dmidge.fuzz.seed=" + SEED + " -Dmidge.fuzz.first=" + start
                        + " -Dmidge.fuzz.cases=" + (end - start) + ")";
                try {
                    bystander.assertBrokerServesOthers();
                } catch (AssertionError e) {
                    throw new AssertionError("The broker failed its liveness check " + batch, e);
                }
                assertThat(logs.drain()).as("WARN/ERROR lines or uncaught exceptions " + batch).isEmpty();
            }
            Await.until("every fuzz connection is gone, the bystander's is not",
                    () -> broker.connectedClients().equals(List.of("bystander")));
        } finally {
            pool.shutdownNow();
        }
    }

    private void runBatch(ExecutorService pool, Broker broker, int start, int end) throws Exception {
        List<Future<String>> outcomes = new ArrayList<>(end - start);
        for (int n = start; n < end; n++) {
            int caseNumber = n;
            outcomes.add(pool.submit(() -> runCase(broker, caseNumber)));
        }
        for (int i = 0; i < outcomes.size(); i++) {
            String failure = outcomes.get(i).get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (failure != null) {
                int caseNumber = start + i;
                throw new AssertionError("Fuzz case " + caseNumber + " of seed " + SEED + ": " + failure
                        + "\nbytes: " + HexFormat.of().formatHex(bytesOf(caseNumber))
                        + "\nreplay: -Dmidge.fuzz.seed=" + SEED + " -Dmidge.fuzz.first=" + caseNumber
                        + " -Dmidge.fuzz.cases=1");
            }
        }
    }

    private byte[] bytesOf(int caseNumber) {
        return mutator.mutate(random(caseNumber));
    }

    private static SplittableRandom random(int caseNumber) {
        return new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + caseNumber);
    }

    /**
     * One case in ten goes over WebSocket, the others over TCP.
     *
     * @return null when the broker closed the connection once the client ended its side, otherwise what went wrong
     */
    private String runCase(Broker broker, int caseNumber) {
        SplittableRandom random = random(caseNumber);
        byte[] bytes = mutator.mutate(random);
        return random.nextInt(10) == 0
                ? FuzzClient.overWebSocket(broker.websocketPort(), bytes, random)
                : FuzzClient.overTcp(broker.port(), bytes, random);
    }
}
