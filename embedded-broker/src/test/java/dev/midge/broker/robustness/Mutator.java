package dev.midge.broker.robustness;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns valid packet sequences into broken ones: bit flips, inserted, deleted and overwritten bytes, corrupted
 * remaining lengths, truncation, packets dropped, repeated or swapped, and splices of two sequences. Every choice
 * comes from the random source it is given, so a case is replayed from its seed alone.
 */
final class Mutator {

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0xED, 0x23, 0x2B, 0x2F};
    private static final int MAX_MUTATIONS = 4;

    private final List<List<byte[]>> seeds;

    Mutator(List<List<byte[]>> seeds) {
        this.seeds = seeds;
    }

    /**
     * @param random the case's own random source
     * @return the bytes of one mutated sequence
     */
    byte[] mutate(SplittableRandom random) {
        List<byte[]> packets = new ArrayList<>(seeds.get(random.nextInt(seeds.size())));
        int structural = random.nextInt(4);
        for (int i = 0; i < structural; i++) {
            mutatePackets(packets, random);
        }
        if (random.nextInt(3) == 0) {
            corruptLength(packets, random);
        }
        byte[] bytes = concat(packets);
        int keep = random.nextBoolean() ? packets.get(0).length : 0;
        int mutations = 1 + random.nextInt(MAX_MUTATIONS);
        for (int i = 0; i < mutations && bytes.length > keep; i++) {
            bytes = mutateBytes(bytes, keep, random);
        }
        return bytes;
    }

    private void mutatePackets(List<byte[]> packets, SplittableRandom random) {
        int at = random.nextInt(packets.size());
        switch (random.nextInt(4)) {
            case 0 -> {
                if (packets.size() > 1) {
                    packets.remove(at);
                }
            }
            case 1 -> packets.add(at, packets.get(random.nextInt(packets.size())));
            case 2 -> {
                int other = random.nextInt(packets.size());
                byte[] swapped = packets.get(at);
                packets.set(at, packets.get(other));
                packets.set(other, swapped);
            }
            default -> {
                List<byte[]> donor = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(donor.size());
                packets.subList(at, packets.size()).clear();
                packets.addAll(donor.subList(from, donor.size()));
            }
        }
    }

    /** Re-encodes one packet's remaining length as a wrong value, or the right one in too many bytes. */
    private static void corruptLength(List<byte[]> packets, SplittableRandom random) {
        int at = random.nextInt(packets.size());
        byte[] packet = packets.get(at);
        int headerEnd = 1;
        while (headerEnd < packet.length && (packet[headerEnd] & 0x80) != 0) {
            headerEnd++;
        }
        int bodyStart = Math.min(headerEnd + 1, packet.length);
        int length = packet.length - bodyStart;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(packet[0]);
        switch (random.nextInt(5)) {
            case 0 -> writeLength(out, Math.max(0, length - 1 - random.nextInt(3)));
            case 1 -> writeLength(out, length + 1 + random.nextInt(3));
            case 2 -> writeLength(out, random.nextInt(268_435_456));
            case 3 -> out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
            default -> {
                out.write((length & 0x7F) | 0x80);
                out.write((length >> 7) | 0x80);
                out.write(0x00);
            }
        }
        out.write(packet, bodyStart, length);
        packets.set(at, out.toByteArray());
    }

    private static void writeLength(ByteArrayOutputStream out, int value) {
        int rest = value;
        do {
            int digit = rest % 128;
            rest /= 128;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }

    private byte[] mutateBytes(byte[] bytes, int keep, SplittableRandom random) {
        int at = keep + random.nextInt(bytes.length - keep);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                return flipped;
            }
            case 1 -> {
                byte[] overwritten = bytes.clone();
                overwritten[at] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                return overwritten;
            }
            case 2 -> {
                byte[] inserted = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, inserted, 0, at);
                inserted[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, inserted, at + 1, bytes.length - at);
                return inserted;
            }
            case 3 -> {
                byte[] deleted = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, deleted, 0, at);
                System.arraycopy(bytes, at + 1, deleted, at, bytes.length - at - 1);
                return deleted;
            }
            case 4 -> {
                return Arrays.copyOf(bytes, at);
            }
            default -> {
                List<byte[]> donor = seeds.get(random.nextInt(seeds.size()));
                byte[] other = concat(donor);
                int from = random.nextInt(other.length);
                byte[] spliced = Arrays.copyOf(bytes, at + other.length - from);
                System.arraycopy(other, from, spliced, at, other.length - from);
                return spliced;
            }
        }
    }

    private static byte[] concat(List<byte[]> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
