package dev.midge.broker.internal;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connection in a core test: records what the core sends it instead of writing to a socket.
 */
final class RecordingLink implements ClientLink {

    /** One PUBLISH the core sent. */
    record Sent(int packetId, Message message, boolean duplicate, List<Integer> subscriptionIdentifiers) {
        String text() {
            return new String(message.payload(), StandardCharsets.UTF_8);
        }
    }

    final List<Sent> published = new ArrayList<>();
    final List<Integer> pubrels = new ArrayList<>();
    final List<DisconnectReason> closes = new ArrayList<>();
    private final ProtocolVersion protocolVersion;
    boolean writable = true;
    int receiveMaximum = 65535;
    /** The client's Maximum Packet Size, measured on {@link #packetSize}. */
    int maximumPacketSize = Integer.MAX_VALUE;

    RecordingLink(ProtocolVersion protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    /** @return the payloads sent, in order, as text */
    List<String> texts() {
        return published.stream().map(Sent::text).toList();
    }

    /** @return the last PUBLISH sent */
    Sent last() {
        return published.get(published.size() - 1);
    }

    @Override
    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    @Override
    public boolean sendPublish(int packetId, Message message, boolean duplicate,
                               List<Integer> subscriptionIdentifiers) {
        if (packetSize(message) > maximumPacketSize) {
            return false;
        }
        published.add(new Sent(packetId, message, duplicate, List.copyOf(subscriptionIdentifiers)));
        return true;
    }

    /** @return the size the link gives the PUBLISH that carries a message: enough to compare messages by */
    static int packetSize(Message message) {
        return message.payload().length + message.topic().length() + 8;
    }

    @Override
    public void sendPubrel(int packetId) {
        pubrels.add(packetId);
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void close(DisconnectReason reason, String detail) {
        closes.add(reason);
    }
}
