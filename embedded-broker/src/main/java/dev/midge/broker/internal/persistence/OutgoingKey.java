package dev.midge.broker.internal.persistence;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key of an outgoing message in the store: its session's client identifier and its sequence number there. Keys
 * sort by client identifier, then by sequence number, so that a session's messages are read back together and in
 * their order.
 *
 * @param clientId the session's client identifier
 * @param sequence the message's place in the session's order
 */
record OutgoingKey(String clientId, long sequence) implements Comparable<OutgoingKey> {

    /** How the store's maps compare, size and write the keys: the identifier as UTF-8, the sequence as a varint. */
    static final BasicDataType<OutgoingKey> TYPE = new KeyType();

    /** @return the smallest key of a session, where its messages start */
    static OutgoingKey first(String clientId) {
        return new OutgoingKey(clientId, Long.MIN_VALUE);
    }

    @Override
    public int compareTo(OutgoingKey other) {
        int byClient = clientId.compareTo(other.clientId);
        return byClient != 0 ? byClient : Long.compare(sequence, other.sequence);
    }

    /** Stateless; used by the store on whichever thread reads or writes its pages. */
    private static final class KeyType extends BasicDataType<OutgoingKey> {

        @Override
        public int compare(OutgoingKey a, OutgoingKey b) {
            return a.compareTo(b);
        }

        @Override
        public int getMemory(OutgoingKey key) {
            return 48 + 2 * key.clientId.length();
        }

        @Override
        public void write(WriteBuffer buffer, OutgoingKey key) {
            byte[] clientId = key.clientId.getBytes(StandardCharsets.UTF_8);
            buffer.putVarInt(clientId.length).put(clientId).putVarLong(key.sequence);
        }

        @Override
        public OutgoingKey read(ByteBuffer buffer) {
            byte[] clientId = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(clientId);
            return new OutgoingKey(new String(clientId, StandardCharsets.UTF_8), DataUtils.readVarLong(buffer));
        }

        @Override
        public OutgoingKey[] createStorage(int size) {
            return new OutgoingKey[size];
        }
    }
}
