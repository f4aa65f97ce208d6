package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/**
 * Reads a client's packets from their bytes, one whole packet at a time, checking each field as it goes: strings
 * that are not well-formed UTF-8 (never folded into U+FFFD), MQTT 5 properties that are not allowed or repeated,
 * reserved bits, flag combinations, packet identifiers, and topic names and filters the specification forbids.
 * Anything it finds is an {@link InvalidPacketException} carrying the MQTT 5 reason code for it. What it reads is
 * the packet Netty's MQTT codec would have made of the same bytes, for the connection to handle.
 *
 * <p>It learns the protocol version from the CONNECT. A packet before the CONNECT is read as its fixed header only:
 * the connection refuses it whatever it holds.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class PacketReading {

    private static final int CONNECT = 1;
    private static final int PUBLISH = 3;
    private static final int PUBREL = 6;
    private static final int SUBSCRIBE = 8;
    private static final int UNSUBSCRIBE = 10;
    private static final int AUTH = 15;
    /** The level whose rules apply before a CONNECT has named one: MQTT 3.1.1's. */
    private static final int LEVEL_BEFORE_CONNECT = 4;

    private WireReader in;

    /**
     * Checks the packet type and the fixed-header flags, before the rest of the packet arrives.
     *
     * @param firstByte the packet's type and flags
     * @throws InvalidPacketException when the type is reserved or the flags break a rule
     */
    void checkFixedHeader(int firstByte) {
        int type = firstByte >> 4;
        if (type == 0 || type == AUTH && !mqtt5()) {
            throw malformed("reserved packet type " + type);
        }
        if (type != PUBLISH) {
            int expected = type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE ? 0x02 : 0x00;
            if ((firstByte & 0x0F) != expected) {
                throw malformed(String.format("flags %X in the fixed header of packet type %d [%s]",
                        firstByte & 0x0F, type, mqtt5() ? "MQTT-2.1.3-1" : "MQTT-2.2.2-2"));
            }
            return;
        }
        int qos = (firstByte >> 1) & 0x03;
        if (qos == 3) {
            throw malformed("a PUBLISH with QoS 3 [MQTT-3.3.1-4]");
        }
        if (qos == 0 && (firstByte & 0x08) != 0) {
            throw malformed("a QoS 0 PUBLISH with DUP set [MQTT-3.3.1-2]");
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
     * @param firstByte the packet's type and flags, which {@link #checkFixedHeader} accepted
     * @param packet    holds the packet's body from {@code start} to {@code end}; only read, never consumed
     * @return the packet; a PUBLISH holds its payload, a slice of {@code packet}, until it is released
     * @throws InvalidPacketException when the packet breaks a rule; a CONNECT the broker cannot take throws what
     *                                {@link ConnectPacketReading} says
     */
    MqttMessage read(int firstByte, ByteBuf packet, int start, int end) {
        int type = firstByte >> 4;
        if (type == CONNECT) {
            int level = ConnectPacketReading.level(packet, start, end);
            if (in != null) {
                // A second CONNECT, read in its own version for the connection to refuse.
                return ConnectPacketReading.read(new WireReader(level).reset(packet, start, end));
            }
            in = new WireReader(level);
            return ConnectPacketReading.read(in.reset(packet, start, end));
        }
        MqttMessageType messageType = MqttMessageType.valueOf(type);
        if (in == null) {
            return new MqttMessage(fixedHeader(messageType, end - start));
        }
        in.reset(packet, start, end);
        return switch (messageType) {
            case PUBLISH -> PublishReading.read(in, firstByte);
            case PUBACK -> new MqttPubAckMessage(fixedHeader(messageType, end - start), reply());
            case PUBREC, PUBREL, PUBCOMP -> new MqttMessage(fixedHeader(messageType, end - start), reply());
            case SUBSCRIBE -> SubscriptionPacketReading.subscribe(in);
            case UNSUBSCRIBE -> SubscriptionPacketReading.unsubscribe(in);
            case PINGREQ -> {
                expectEnd();
                yield MqttMessage.PINGREQ;
            }
            case DISCONNECT -> new MqttMessage(fixedHeader(messageType, end - start),
                    reasonAndProperties(PropertyRules.Place.DISCONNECT));
            case AUTH -> new MqttMessage(fixedHeader(messageType, end - start),
                    reasonAndProperties(PropertyRules.Place.AUTH));
            default -> new MqttMessage(fixedHeader(messageType, end - start));
        };
    }

    /**
     * The flags of every packet but PUBLISH are fixed; PUBREL, SUBSCRIBE and UNSUBSCRIBE carry 0010, which reads
     * as QoS 1.
     */
    private static MqttFixedHeader fixedHeader(MqttMessageType type, int remainingLength) {
        int typeValue = type.value();
        MqttQoS qos = typeValue == PUBREL || typeValue == SUBSCRIBE || typeValue == UNSUBSCRIBE
                ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttFixedHeader(type, false, qos, false, remainingLength);
    }

    /** PUBACK, PUBREC, PUBREL and PUBCOMP: a packet identifier, then in MQTT 5 a reason code and properties. */
    private MqttPubReplyMessageVariableHeader reply() {
        int packetId = in.readPacketId("an acknowledgement");
        if (in.protocolVersion() < 5 || !in.hasMore()) {
            expectEnd();
            return new MqttPubReplyMessageVariableHeader(packetId, (byte) 0, MqttProperties.NO_PROPERTIES);
        }
        int reasonCode = in.readByte();
        return new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode,
                properties(PropertyRules.Place.ACKNOWLEDGEMENT));
    }

    /**
     * DISCONNECT and AUTH: in MQTT 5 a reason code and properties, each left out when it would say the default
     * (success, none); in MQTT 3 nothing.
     */
    private MqttReasonCodeAndPropertiesVariableHeader reasonAndProperties(PropertyRules.Place place) {
        int reasonCode = 0;
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (in.protocolVersion() >= 5 && in.hasMore()) {
            reasonCode = in.readByte();
            properties = properties(place);
        }
        expectEnd();
        return new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, properties);
    }

    /** @return the properties that may end an MQTT 5 packet, none when the packet ends first */
    private MqttProperties properties(PropertyRules.Place place) {
        MqttProperties properties = in.hasMore() ? PropertyRules.values(in, place) : MqttProperties.NO_PROPERTIES;
        if (in.hasMore()) {
            throw in.malformed("bytes after the end of the properties");
        }
        return properties;
    }

    /** A packet whose fields have all been read must end there. */
    private void expectEnd() {
        if (in.hasMore()) {
            throw in.malformed("bytes after the end of the packet");
        }
    }

    private InvalidPacketException malformed(String why) {
        return in != null ? in.malformed(why)
                : new InvalidPacketException(ReasonCode.MALFORMED_PACKET, LEVEL_BEFORE_CONNECT, why);
    }
}
