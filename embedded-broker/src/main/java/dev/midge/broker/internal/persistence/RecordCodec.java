package dev.midge.broker.internal.persistence;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.UserProperty;
import dev.midge.broker.internal.StoredState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the records the broker keeps into the bytes stored as values in the store's maps, and back. Each value starts
 * with a format byte, so that a later version of the broker can tell the records of this one.
 *
 * <p>An outgoing message is two records: its body, written once when it is queued or first sent, and its in-flight
 * state (packet identifier, whether PUBREL went out), small, written when it is sent and when it is released. The
 * in-flight state repeats the message as sent only when it differs from the body (its expiry interval reduced).
 *
 * <p>Stateless; used on the broker's thread.
 */
final class RecordCodec {

    private static final int FORMAT = 2;

    private RecordCodec() {
    }

    static byte[] retained(Message message, long receivedAtMillis) {
        RecordWriter out = writer(message);
        out.writeLong(receivedAtMillis);
        writeMessage(out, message);
        return out.toByteArray();
    }

    static StoredState.Retained retained(byte[] bytes) {
        return read(bytes, in -> {
            long receivedAt = in.getLong();
            return new StoredState.Retained(readMessage(in), receivedAt);
        });
    }

    static byte[] session(StoredState.SessionRecord session) {
        RecordWriter out = new RecordWriter(64 + 32 * session.subscriptions().size()).writeByte(FORMAT);
        out.writeString(session.clientId()).writeNullable(session.username());
        out.writeLong(session.expirySeconds()).writeLong(session.disconnectedAtMillis());
        out.writeInt(session.subscriptions().size());
        for (StoredState.SubscriptionRecord s : session.subscriptions()) {
            out.writeString(s.filter()).writeByte(s.qos().value()).writeBoolean(s.noLocal())
                    .writeBoolean(s.retainAsPublished()).writeByte(s.retainHandling()).writeInt(s.subscriptionId());
        }
        return out.toByteArray();
    }

    static StoredState.SessionRecord session(byte[] bytes) {
        return read(bytes, in -> {
            String clientId = readString(in);
            String username = readNullable(in);
            long expiry = in.getLong();
            long disconnectedAt = in.getLong();
            int count = count(in, 8);
            List<StoredState.SubscriptionRecord> subscriptions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subscriptions.add(new StoredState.SubscriptionRecord(readString(in), QoS.of(in.get()),
                        readBoolean(in), readBoolean(in), in.get(), in.getInt()));
            }
            return new StoredState.SessionRecord(clientId, username, expiry, disconnectedAt, subscriptions);
        });
    }

    /** @return the body of an outgoing message: the message as routed, when it arrived, its subscription ids */
    static byte[] body(StoredState.Outgoing outgoing) {
        RecordWriter out = writer(outgoing.message());
        out.writeLong(outgoing.receivedAtMillis());
        writeMessage(out, outgoing.message());
        out.writeInt(outgoing.subscriptionIdentifiers().size());
        for (int id : outgoing.subscriptionIdentifiers()) {
            out.writeInt(id);
        }
        return out.toByteArray();
    }

    /** @return the in-flight state of an outgoing message that was sent */
    static byte[] inFlight(StoredState.Outgoing outgoing) {
        boolean asQueued = outgoing.sent() == outgoing.message();
        RecordWriter out = asQueued ? new RecordWriter(5).writeByte(FORMAT) : writer(outgoing.sent());
        out.writeShort(outgoing.packetId()).writeBoolean(outgoing.released()).writeBoolean(asQueued);
        if (!asQueued) {
            writeMessage(out, outgoing.sent());
        }
        return out.toByteArray();
    }

    /**
     * @param inFlight the message's in-flight state, or null while it is queued
     * @return the outgoing message of a body and its in-flight state
     */
    static StoredState.Outgoing outgoing(OutgoingKey key, byte[] body, byte[] inFlight) {
        StoredState.Outgoing queued = read(body, in -> {
            long receivedAt = in.getLong();
            Message message = readMessage(in);
            int count = count(in, 4);
            List<Integer> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.getInt());
            }
            return new StoredState.Outgoing(key.clientId(), key.sequence(), message, receivedAt, List.copyOf(ids), 0,
                    null, false);
        });
        if (inFlight == null) {
            return queued;
        }
        return read(inFlight, in -> {
            int packetId = Short.toUnsignedInt(in.getShort());
            boolean released = readBoolean(in);
            Message sent = readBoolean(in) ? queued.message() : readMessage(in);
            return new StoredState.Outgoing(key.clientId(), key.sequence(), queued.message(),
                    queued.receivedAtMillis(), queued.subscriptionIdentifiers(), packetId, sent, released);
        });
    }

    static byte[] will(Message will, long dueAtMillis) {
        RecordWriter out = writer(will);
        out.writeLong(dueAtMillis);
        writeMessage(out, will);
        return out.toByteArray();
    }

    static StoredState.Will will(String clientId, byte[] bytes) {
        return read(bytes, in -> {
            long dueAt = in.getLong();
            return new StoredState.Will(clientId, readMessage(in), dueAt);
        });
    }

    /** @return a writer with the format byte written and room for a record with the message */
    private static RecordWriter writer(Message message) {
        return new RecordWriter(64 + message.payload().length + 3 * message.topic().length()).writeByte(FORMAT);
    }

    private static void writeMessage(RecordWriter out, Message message) {
        out.writeString(message.topic()).writeBytes(message.payload());
        out.writeByte(message.qos().value()).writeBoolean(message.retain());
        MessageProperties p = message.properties();
        out.writeInt(p.payloadFormatIndicator() == null ? -1 : p.payloadFormatIndicator());
        out.writeLong(p.messageExpiryInterval() == null ? -1 : p.messageExpiryInterval());
        out.writeNullable(p.contentType()).writeNullable(p.responseTopic());
        out.writeBoolean(p.correlationData() != null);
        if (p.correlationData() != null) {
            out.writeBytes(p.correlationData());
        }
        out.writeInt(p.userProperties().size());
        for (UserProperty property : p.userProperties()) {
            out.writeString(property.name()).writeString(property.value());
        }
    }

    private static Message readMessage(ByteBuffer in) {
        String topic = readString(in);
        byte[] payload = readBytes(in);
        QoS qos = QoS.of(in.get());
        boolean retain = readBoolean(in);
        int format = in.getInt();
        long expiry = in.getLong();
        String contentType = readNullable(in);
        String responseTopic = readNullable(in);
        byte[] correlation = readBoolean(in) ? readBytes(in) : null;
        int count = count(in, 8);
        List<UserProperty> userProperties = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            userProperties.add(new UserProperty(readString(in), readString(in)));
        }
        MessageProperties properties = new MessageProperties(format < 0 ? null : format, expiry < 0 ? null : expiry,
                contentType, responseTopic, correlation, userProperties);
        return new Message(topic, payload, qos, retain, properties.isEmpty() ? MessageProperties.NONE : properties);
    }

    private static boolean readBoolean(ByteBuffer in) {
        return in.get() != 0;
    }

    private static String readString(ByteBuffer in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static String readNullable(ByteBuffer in) {
        return readBoolean(in) ? readString(in) : null;
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] bytes = new byte[count(in, 1)];
        in.get(bytes);
        return bytes;
    }

    /** @return a count read from the record, checked against the bytes left, each item taking at least so many */
    private static int count(ByteBuffer in, int bytesEach) {
        int count = in.getInt();
        if (count < 0 || (long) count * bytesEach > in.remaining()) {
            throw new IllegalArgumentException("a count of " + count + " with " + in.remaining() + " bytes left");
        }
        return count;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a record of this format, or are cut short
     */
    private static <T> T read(byte[] bytes, Function<ByteBuffer, T> reader) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int format = Byte.toUnsignedInt(in.get());
            if (format != FORMAT) {
                throw new IllegalArgumentException("a record of format " + format + ", not " + FORMAT);
            }
            T value = reader.apply(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("a record with " + in.remaining() + " bytes too many");
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("an unreadable record: " + e.getMessage(), e);
        }
    }
}
