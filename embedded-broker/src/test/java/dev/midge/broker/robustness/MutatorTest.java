package dev.midge.broker.robustness;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzer's cases can be replayed from their seed, and they differ from each other and from the valid sequences
 * they start from.
 */
class MutatorTest {

    private static final int CASES = 2000;

    private final List<List<byte[]>> seeds = SeedSequences.all();
    private final Mutator mutator = new Mutator(seeds);

    @Test
    void theSameSeedGivesTheSameBytes() {
        for (long seed = 0; seed < 50; seed++) {
            assertThat(mutator.mutate(new SplittableRandom(seed)))
                    .isEqualTo(new Mutator(SeedSequences.all()).mutate(new SplittableRandom(seed)));
        }
    }

    @Test
    void casesDifferFromEachOtherAndFromTheValidSequences() {
        Set<ByteBuffer> valid = new HashSet<>();
        for (List<byte[]> sequence : seeds) {
            valid.add(ByteBuffer.wrap(concat(sequence)));
        }
        Set<ByteBuffer> distinct = new HashSet<>();
        int unchanged = 0;
        for (int i = 0; i < CASES; i++) {
            ByteBuffer bytes = ByteBuffer.wrap(mutator.mutate(new SplittableRandom(i)));
            distinct.add(bytes);
            if (valid.contains(bytes)) {
                unchanged++;
            }
        }
        assertThat(distinct).as("distinct cases").hasSizeGreaterThan(CASES * 95 / 100);
        assertThat(unchanged).as("cases identical to a valid sequence").isLessThan(CASES / 100);
    }

    @Test
    void theSeedsCoverEveryProtocolLevel() {
        Set<Integer> levels = new HashSet<>();
        for (List<byte[]> sequence : seeds) {
            byte[] connect = sequence.get(0);
            int body = 1;
            while ((connect[body] & 0x80) != 0) {
                body++;
            }
            body++;
            int nameLength = ((connect[body] & 0xFF) << 8) | (connect[body + 1] & 0xFF);
            levels.add((int) connect[body + 2 + nameLength]);
        }
        assertThat(levels).containsExactlyInAnyOrder(3, 4, 5);
    }

    private static byte[] concat(List<byte[]> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
