package dev.midge.broker.internal.transport;

import dev.midge.broker.Topics;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.nio.charset.StandardCharsets;

/**
 * Checks a client's packet, byte by byte, for the rules the codec does not enforce before it reads the packet:
 * strings that are not well-formed UTF-8 (which the codec would fold into U+FFFD), MQTT 5 properties that are not
 * allowed or repeated, reserved bits, flag combinations, and topic names and filters the specification forbids.
 * Anything it finds is an {@link InvalidPacketException} carrying the MQTT 5 reason code for it. A PUBLISH it reads
 * itself ({@link PublishReading}), checking it on the way: the codec never sees it.
 *
 * <p>It learns the protocol version from the CONNECT; packets before a CONNECT are left to the connection, which
 * refuses them anyway.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class InboundCheck {

    private static final int CONNECT = 1;
    private static final int PUBLISH = 3;
    private static final int PUBACK = 4;
    private static final int PUBREL = 6;
    private static final int PUBCOMP = 7;
    private static final int SUBSCRIBE = 8;
    private static final int UNSUBSCRIBE = 10;
    private static final int DISCONNECT = 14;
    private static final int AUTH = 15;

    private WireReader in;

    /**
     * Checks the fixed-header flags the codec would refuse without saying which rule they break, or accept.
     *
     * @param firstByte the packet's type and flags
     * @throws InvalidPacketException when the flags break a rule
     */
    void checkFixedHeader(int firstByte) {
        if (in == null) {
            return;
        }
        int type = firstByte >> 4;
        if (type != PUBLISH) {
            int expected = type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE ? 0x02 : 0x00;
            if ((firstByte & 0x0F) != expected) {
                throw in.malformed(String.format("flags %X in the fixed header of packet type %d [%s]",
                        firstByte & 0x0F, type, in.protocolVersion() >= 5 ? "MQTT-2.1.3-1" : "MQTT-2.2.2-2"));
            }
            return;
        }
        int qos = (firstByte >> 1) & 0x03;
        if (qos == 3) {
            throw in.malformed("a PUBLISH with QoS 3 [MQTT-3.3.1-4]");
        }
        if (qos == 0 && (firstByte & 0x08) != 0) {
            throw in.malformed("a QoS 0 PUBLISH with DUP set [MQTT-3.3.1-2]");
        }
    }

    /**
     * @return whether the connection speaks MQTT 5, whose Variable Byte Integers, the remaining length among them,
     *         must use as few bytes as their value needs (MQTT-1.5.5-1)
     */
    boolean mqtt5() {
        return in != null && in.protocolVersion() >= 5;
    }

    /**
     * @return the error for a remaining length encoded in more bytes than needed
     */
    InvalidPacketException overlongRemainingLength() {
        return in.malformed("a remaining length in more bytes than needed [MQTT-1.5.5-1]");
    }

    /**
     * @param firstByte the packet's type and flags
     * @return whether the packet is a PUBLISH on a connection whose protocol version is known, which
     *         {@link #readPublish} reads instead of the codec
     */
    boolean readsItself(int firstByte) {
        return in != null && firstByte >> 4 == PUBLISH;
    }

    /**
     * @param firstByte the packet's type and flags, which {@link #readsItself} accepted
     * @param packet    holds the packet's body from {@code start} to {@code end}; only read, never consumed
     * @return the packet, which holds its payload until it is released
     * @throws InvalidPacketException when the packet breaks a rule
     */
    MqttPublishMessage readPublish(int firstByte, ByteBuf packet, int start, int end) {
        return PublishReading.read(in.reset(packet, start, end), firstByte);
    }

    /**
     * @param firstByte the packet's type and flags
     * @param packet    holds the packet's body from {@code start} to {@code end}; only read, never consumed
     * @throws InvalidPacketException when the packet breaks a rule
     */
    void check(int firstByte, ByteBuf packet, int start, int end) {
        int type = firstByte >> 4;
        if (type == CONNECT) {
            connect(packet, start, end);
            return;
        }
        if (in == null) {
            return;
        }
        in.reset(packet, start, end);
        boolean v5 = in.protocolVersion() >= 5;
        switch (type) {
            case SUBSCRIBE -> subscribe(v5);
            case UNSUBSCRIBE -> unsubscribe(v5);
            case DISCONNECT -> reasonAndProperties(v5, PropertyRules.Place.DISCONNECT);
            case AUTH -> reasonAndProperties(v5, PropertyRules.Place.AUTH);
            default -> {
                if (type >= PUBACK && type <= PUBCOMP) {
                    in.readShort();
                    reasonAndProperties(v5, PropertyRules.Place.ACKNOWLEDGEMENT);
                }
            }
        }
    }

    /**
     * Checks a CONNECT whose protocol name and level the broker speaks; any other is left to the codec, which
     * answers it with "unacceptable protocol version".
     */
    private void connect(ByteBuf packet, int start, int end) {
        if (end - start < 2 || end - start < 3 + packet.getUnsignedShort(start)) {
            return;
        }
        int nameLength = packet.getUnsignedShort(start);
        String name = packet.toString(start + 2, nameLength, StandardCharsets.US_ASCII);
        int level = packet.getUnsignedByte(start + 2 + nameLength);
        if (!(name.equals("MQIsdp") && level == 3 || name.equals("MQTT") && (level == 4 || level == 5))) {
            return;
        }
        if (in == null) {
            in = new WireReader(level);
        }
        WireReader connect = new WireReader(level).reset(packet, start, end);
        connect.readString("the protocol name");
        connect.readByte();
        int flags = connect.readByte();
        if ((flags & 0x01) != 0) {
            throw connect.malformed("the reserved CONNECT flag is set [MQTT-3.1.2-3]");
        }
        connect.readShort();
        boolean v5 = level >= 5;
        if (v5) {
            PropertyRules.Found found = PropertyRules.check(connect, PropertyRules.Place.CONNECT);
            if (found.has(PropertyRules.AUTHENTICATION_DATA) && !found.has(PropertyRules.AUTHENTICATION_METHOD)) {
                throw connect.protocolError("Authentication Data without an Authentication Method"
                        + " (section 3.1.2.11.10)");
            }
        }
        connect.readString("the client identifier");
        if ((flags & 0x04) != 0) {
            if (v5) {
                PropertyRules.check(connect, PropertyRules.Place.WILL);
            }
            connect.readString("the will topic");
            connect.skipBinary();
        }
        if ((flags & 0x80) != 0) {
            connect.readString("the user name");
        }
        if ((flags & 0x40) != 0) {
            connect.skipBinary();
        }
        if (connect.hasMore()) {
            throw connect.malformed("bytes after the end of the CONNECT payload");
        }
    }

    private void subscribe(boolean v5) {
        in.readShort();
        if (v5) {
            PropertyRules.check(in, PropertyRules.Place.SUBSCRIBE);
        }
        while (in.hasMore()) {
            String filter = in.readString("a topic filter");
            int options = in.readByte();
            if (v5 && (options & 0xC0) != 0) {
                throw in.malformed("reserved subscription option bits set [MQTT-3.8.3-5]");
            }
            if (!v5 && (options & 0xFC) != 0) {
                throw in.malformed("reserved bits set next to the requested QoS [MQTT-3.8.3-4]");
            }
            if ((options & 0x03) == 3) {
                throw v5 ? in.protocolError("a subscription asking for QoS 3 (section 3.8.3.1)")
                        : in.malformed("a subscription asking for QoS 3 [MQTT-3.8.3-4]");
            }
            if (((options >> 4) & 0x03) == 3) {
                throw in.protocolError("a subscription with Retain Handling 3 (section 3.8.3.1)");
            }
            checkFilter(filter);
        }
    }

    private void unsubscribe(boolean v5) {
        in.readShort();
        if (v5) {
            PropertyRules.check(in, PropertyRules.Place.UNSUBSCRIBE);
        }
        while (in.hasMore()) {
            checkFilter(in.readString("a topic filter"));
        }
    }

    /** The reason code and properties that MQTT 5 acknowledgements, DISCONNECT and AUTH may end with. */
    private void reasonAndProperties(boolean v5, PropertyRules.Place place) {
        if (v5 && in.hasMore()) {
            in.readByte();
            if (in.hasMore()) {
                PropertyRules.check(in, place);
            }
        }
        if (v5 && in.hasMore()) {
            throw in.malformed("bytes after the end of the properties");
        }
    }

    private void checkFilter(String filter) {
        String topicFilter = filter;
        if (filter.startsWith(Topics.SHARE_PREFIX)) {
            int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            String share = slash < 0 ? "" : filter.substring(Topics.SHARE_PREFIX.length(), slash);
            if (share.isEmpty() || share.indexOf('+') >= 0 || share.indexOf('#') >= 0) {
                throw in.fail(ReasonCode.TOPIC_FILTER_INVALID, "an invalid share name in " + filter
                        + " [MQTT-4.8.2-1, MQTT-4.8.2-2]");
            }
            topicFilter = filter.substring(slash + 1);
        }
        String problem = Topics.checkFilter(topicFilter);
        if (problem != null) {
            throw in.fail(ReasonCode.TOPIC_FILTER_INVALID, problem + " [" + filterStatement(topicFilter, problem) + "]");
        }
    }

    private String filterStatement(String filter, String problem) {
        boolean v5 = in.protocolVersion() >= 5;
        if (filter.isEmpty()) {
            return "MQTT-4.7.3-1";
        }
        if (problem.startsWith("'#'")) {
            return v5 ? "MQTT-4.7.1-1" : "MQTT-4.7.1-2";
        }
        return v5 ? "MQTT-4.7.1-2" : "MQTT-4.7.1-3";
    }
}
