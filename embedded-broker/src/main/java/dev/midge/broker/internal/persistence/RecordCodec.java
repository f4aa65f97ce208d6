package dev.midge.broker.internal.persistence;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.UserProperty;
import dev.midge.broker.internal.StoredState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the records the broker keeps into the bytes stored as values in the store's maps, and back. Each value starts
 * with a format byte, so that a later version of the broker can tell the records of this one.
 *
 * <p>Stateless; used on the broker's thread.
 */
final class RecordCodec {

    private static final int FORMAT = 1;

    private RecordCodec() {
    }

    static byte[] retained(Message message, long receivedAtMillis) {
        return write(out -> {
            out.writeLong(receivedAtMillis);
            writeMessage(out, message);
        });
    }

    static StoredState.Retained retained(byte[] bytes) {
        return read(bytes, in -> {
            long receivedAt = in.readLong();
            return new StoredState.Retained(readMessage(in), receivedAt);
        });
    }

    static byte[] session(StoredState.SessionRecord session) {
        return write(out -> {
            writeString(out, session.clientId());
            writeNullable(out, session.username());
            out.writeLong(session.expirySeconds());
            out.writeLong(session.disconnectedAtMillis());
            out.writeInt(session.subscriptions().size());
            for (StoredState.SubscriptionRecord s : session.subscriptions()) {
                writeString(out, s.filter());
                out.writeByte(s.qos().value());
                out.writeBoolean(s.noLocal());
                out.writeBoolean(s.retainAsPublished());
                out.writeByte(s.retainHandling());
                out.writeInt(s.subscriptionId());
            }
        });
    }

    static StoredState.SessionRecord session(byte[] bytes) {
        return read(bytes, in -> {
            String clientId = readString(in);
            String username = readNullable(in);
            long expiry = in.readLong();
            long disconnectedAt = in.readLong();
            int count = in.readInt();
            List<StoredState.SubscriptionRecord> subscriptions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subscriptions.add(new StoredState.SubscriptionRecord(readString(in), QoS.of(in.readByte()),
                        in.readBoolean(), in.readBoolean(), in.readByte(), in.readInt()));
            }
            return new StoredState.SessionRecord(clientId, username, expiry, disconnectedAt, subscriptions);
        });
    }

    static byte[] outgoing(StoredState.Outgoing outgoing) {
        return write(out -> {
            writeString(out, outgoing.clientId());
            out.writeLong(outgoing.sequence());
            out.writeLong(outgoing.receivedAtMillis());
            writeMessage(out, outgoing.message());
            out.writeInt(outgoing.subscriptionIdentifiers().size());
            for (int id : outgoing.subscriptionIdentifiers()) {
                out.writeInt(id);
            }
            out.writeShort(outgoing.packetId());
            if (outgoing.packetId() != 0) {
                writeMessage(out, outgoing.sent());
                out.writeBoolean(outgoing.released());
            }
        });
    }

    static StoredState.Outgoing outgoing(byte[] bytes) {
        return read(bytes, in -> {
            String clientId = readString(in);
            long sequence = in.readLong();
            long receivedAt = in.readLong();
            Message message = readMessage(in);
            int count = in.readInt();
            List<Integer> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.readInt());
            }
            int packetId = in.readUnsignedShort();
            Message sent = packetId == 0 ? null : readMessage(in);
            boolean released = packetId != 0 && in.readBoolean();
            return new StoredState.Outgoing(clientId, sequence, message, receivedAt, List.copyOf(ids), packetId,
                    sent, released);
        });
    }

    static byte[] will(Message will, long dueAtMillis) {
        return write(out -> {
            out.writeLong(dueAtMillis);
            writeMessage(out, will);
        });
    }

    static StoredState.Will will(String clientId, byte[] bytes) {
        return read(bytes, in -> {
            long dueAt = in.readLong();
            return new StoredState.Will(clientId, readMessage(in), dueAt);
        });
    }

    private static void writeMessage(DataOutputStream out, Message message) throws IOException {
        writeString(out, message.topic());
        out.writeInt(message.payload().length);
        out.write(message.payload());
        out.writeByte(message.qos().value());
        out.writeBoolean(message.retain());
        MessageProperties p = message.properties();
        out.writeInt(p.payloadFormatIndicator() == null ? -1 : p.payloadFormatIndicator());
        out.writeLong(p.messageExpiryInterval() == null ? -1 : p.messageExpiryInterval());
        writeNullable(out, p.contentType());
        writeNullable(out, p.responseTopic());
        out.writeInt(p.correlationData() == null ? -1 : p.correlationData().length);
        if (p.correlationData() != null) {
            out.write(p.correlationData());
        }
        out.writeInt(p.userProperties().size());
        for (UserProperty property : p.userProperties()) {
            writeString(out, property.name());
            writeString(out, property.value());
        }
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        String topic = readString(in);
        byte[] payload = readBytes(in, in.readInt());
        QoS qos = QoS.of(in.readByte());
        boolean retain = in.readBoolean();
        int format = in.readInt();
        long expiry = in.readLong();
        String contentType = readNullable(in);
        String responseTopic = readNullable(in);
        int correlationLength = in.readInt();
        byte[] correlation = correlationLength < 0 ? null : readBytes(in, correlationLength);
        int count = in.readInt();
        List<UserProperty> userProperties = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            userProperties.add(new UserProperty(readString(in), readString(in)));
        }
        MessageProperties properties = new MessageProperties(format < 0 ? null : format, expiry < 0 ? null : expiry,
                contentType, responseTopic, correlation, userProperties);
        return new Message(topic, payload, qos, retain, properties.isEmpty() ? MessageProperties.NONE : properties);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in, in.readInt()), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length < 0 || length > in.available()) {
            throw new IOException("a length of " + length + " with " + in.available() + " bytes left");
        }
        return in.readNBytes(length);
    }

    private static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            writeString(out, text);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a record of this format, or are cut short
     */
    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("a record of format " + format + ", not " + FORMAT);
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("a record with " + in.available() + " bytes too many");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("an unreadable record: " + e.getMessage(), e);
        }
    }
}
