package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.List;

/**
 * Writes the packets the broker sends but PUBLISH, which {@link PublishEncoding} writes, each into one buffer of its
 * exact size. Reason codes and properties are written only to MQTT 5 clients; an MQTT 5 acknowledgement, DISCONNECT
 * or AUTH leaves out a reason code of 0 (Success) with no properties, as the specification allows (MQTT 5 §3.4.2.1,
 * §3.14.2.1, §3.15.2.1).
 *
 * <p>Used on the broker's event-loop thread.
 */
final class ControlPacketEncoding {

    private static final int CONNACK = 0x20;
    private static final int SUBACK = 0x90;
    private static final int UNSUBACK = 0xB0;
    private static final int PINGRESP = 0xD0;
    private static final int DISCONNECT = 0xE0;
    private static final int AUTH = 0xF0;

    private ControlPacketEncoding() {
    }

    static ByteBuf connack(ByteBufAllocator allocator, ProtocolVersion version, int code, boolean sessionPresent,
                           MqttProperties properties) {
        boolean mqtt5 = version.isMqtt5();
        int propertiesLength = mqtt5 ? ControlProperties.length(properties) : 0;
        ByteBuf out = start(allocator, CONNACK, 2 + (mqtt5 ? section(propertiesLength) : 0));
        out.writeByte(sessionPresent ? 0x01 : 0x00);
        out.writeByte(code);
        if (mqtt5) {
            ControlProperties.write(out, properties, propertiesLength);
        }
        return out;
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP. */
    static ByteBuf reply(ByteBufAllocator allocator, ProtocolVersion version, MqttMessageType type, int packetId,
                         ReasonCode reasonCode) {
        boolean withCode = version.isMqtt5() && reasonCode.value() != 0;
        int first = type.value() << 4 | (type == MqttMessageType.PUBREL ? 0x02 : 0);
        ByteBuf out = start(allocator, first, withCode ? 4 : 2);
        out.writeShort(packetId);
        if (withCode) {
            out.writeByte(reasonCode.value());
            out.writeByte(0);
        }
        return out;
    }

    static ByteBuf suback(ByteBufAllocator allocator, ProtocolVersion version, int packetId,
                          List<Integer> reasonCodes) {
        boolean mqtt5 = version.isMqtt5();
        ByteBuf out = start(allocator, SUBACK, 2 + (mqtt5 ? 1 : 0) + reasonCodes.size());
        out.writeShort(packetId);
        if (mqtt5) {
            out.writeByte(0);
        }
        reasonCodes.forEach(out::writeByte);
        return out;
    }

    /** UNSUBACK, whose reason codes only MQTT 5 clients are given. */
    static ByteBuf unsuback(ByteBufAllocator allocator, ProtocolVersion version, int packetId,
                            List<Short> reasonCodes) {
        boolean mqtt5 = version.isMqtt5();
        ByteBuf out = start(allocator, UNSUBACK, 2 + (mqtt5 ? 1 + reasonCodes.size() : 0));
        out.writeShort(packetId);
        if (mqtt5) {
            out.writeByte(0);
            reasonCodes.forEach(out::writeByte);
        }
        return out;
    }

    static ByteBuf pingresp(ByteBufAllocator allocator) {
        return start(allocator, PINGRESP, 0);
    }

    /** AUTH, which always names the Authentication Method [MQTT-4.12.0-5] and never carries a reason string. */
    static ByteBuf auth(ByteBufAllocator allocator, ReasonCode reasonCode, String method, byte[] data) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method));
        if (data != null) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
        }
        return withReasonCode(allocator, AUTH, reasonCode, properties);
    }

    /** DISCONNECT, with its reason code and reason string for an MQTT 5 client. */
    static ByteBuf disconnect(ByteBufAllocator allocator, ProtocolVersion version, ReasonCode reasonCode,
                              String reason) {
        if (!version.isMqtt5()) {
            return start(allocator, DISCONNECT, 0);
        }
        return withReasonCode(allocator, DISCONNECT, reasonCode, WireProperties.reasonString(reason));
    }

    private static ByteBuf withReasonCode(ByteBufAllocator allocator, int first, ReasonCode reasonCode,
                                          MqttProperties properties) {
        int propertiesLength = ControlProperties.length(properties);
        if (reasonCode.value() == 0 && propertiesLength == 0) {
            return start(allocator, first, 0);
        }
        ByteBuf out = start(allocator, first, 1 + section(propertiesLength));
        out.writeByte(reasonCode.value());
        ControlProperties.write(out, properties, propertiesLength);
        return out;
    }

    /** @return the bytes of a properties section of that length, with its length field */
    private static int section(int propertiesLength) {
        return WireEncoding.variableByteIntegerLength(propertiesLength) + propertiesLength;
    }

    /** @return a buffer of the packet's exact size, its fixed header written */
    private static ByteBuf start(ByteBufAllocator allocator, int first, int remainingLength) {
        int total = 1 + WireEncoding.variableByteIntegerLength(remainingLength) + remainingLength;
        ByteBuf out = allocator.ioBuffer(total, total);
        out.writeByte(first);
        WireEncoding.writeVariableByteInteger(out, remainingLength);
        return out;
    }
}
