package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;

/**
 * Reads a client's CONNECT from its bytes in one pass, checking the rules of its encoding as it goes: the reserved
 * flag, MQTT 5 properties, well-formed strings, nothing after the payload. What the flags, the properties and the
 * will mean to the broker, {@link ConnectReading} reads from the packet this makes.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class ConnectPacketReading {

    /** The level that answers a CONNECT too broken to say its own: MQTT 3.1.1's, which has no reason codes. */
    private static final int UNKNOWN_LEVEL = 4;
    private static final int RESERVED = 0x01;
    private static final int CLEAN_START = 0x02;
    private static final int WILL = 0x04;
    private static final int WILL_RETAIN = 0x20;
    private static final int PASSWORD = 0x40;
    private static final int USER_NAME = 0x80;

    private ConnectPacketReading() {
    }

    /**
     * @param packet holds the packet's body from {@code start} to {@code end}; only read, never consumed
     * @return the protocol level the CONNECT asks for: 3, 4 or 5
     * @throws MqttUnacceptableProtocolVersionException when the broker does not speak its protocol name and level
     * @throws InvalidPacketException                   when the bytes are too few to hold them
     */
    static int level(ByteBuf packet, int start, int end) {
        if (end - start < 2 || end - start < 3 + packet.getUnsignedShort(start)) {
            throw new InvalidPacketException(ReasonCode.MALFORMED_PACKET, UNKNOWN_LEVEL,
                    "a CONNECT too short for its protocol name and level");
        }
        int nameLength = packet.getUnsignedShort(start);
        String name = packet.toString(start + 2, nameLength, StandardCharsets.US_ASCII);
        int level = packet.getUnsignedByte(start + 2 + nameLength);
        if (!(name.equals("MQIsdp") && level == 3 || name.equals("MQTT") && (level == 4 || level == 5))) {
            throw new MqttUnacceptableProtocolVersionException("protocol " + name + " level " + level);
        }
        return level;
    }

    /**
     * @param in positioned at the start of the packet's body, ending where the packet ends, reading the level
     *           {@link #level} found
     * @return the packet
     * @throws InvalidPacketException           when the packet breaks a rule
     * @throws MqttIdentifierRejectedException when an MQTT 3.1 client sends no client identifier
     */
    static MqttConnectMessage read(WireReader in) {
        int remainingLength = in.end() - in.position();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(in.readString("the protocol name"),
                (byte) in.readByte());
        int flags = in.readByte();
        if ((flags & RESERVED) != 0) {
            throw in.malformed("the reserved CONNECT flag is set [MQTT-3.1.2-3]");
        }
        int keepAlive = in.readShort();
        boolean v5 = version == MqttVersion.MQTT_5;
        MqttProperties properties = v5 ? properties(in) : MqttProperties.NO_PROPERTIES;
        String clientId = in.readString("the client identifier");
        MqttProperties willProperties = MqttProperties.NO_PROPERTIES;
        String willTopic = null;
        byte[] willMessage = null;
        if ((flags & WILL) != 0) {
            if (v5) {
                willProperties = PropertyRules.values(in, PropertyRules.Place.WILL);
            }
            willTopic = in.readString("the will topic");
            willMessage = in.readBinary();
        }
        String userName = (flags & USER_NAME) != 0 ? in.readString("the user name") : null;
        byte[] password = (flags & PASSWORD) != 0 ? in.readBinary() : null;
        if (in.hasMore()) {
            throw in.malformed("bytes after the end of the CONNECT payload");
        }
        if (version == MqttVersion.MQTT_3_1 && clientId.isEmpty()) {
            throw new MqttIdentifierRejectedException("an MQTT 3.1 CONNECT without a client identifier");
        }
        MqttConnectVariableHeader header = new MqttConnectVariableHeader(version.protocolName(),
                version.protocolLevel(), (flags & USER_NAME) != 0, (flags & PASSWORD) != 0,
                (flags & WILL_RETAIN) != 0, (flags >> 3) & 0x03, (flags & WILL) != 0, (flags & CLEAN_START) != 0,
                keepAlive, properties);
        return new MqttConnectMessage(new MqttFixedHeader(MqttMessageType.CONNECT, false, MqttQoS.AT_MOST_ONCE,
                false, remainingLength), header,
                new MqttConnectPayload(clientId, willProperties, willTopic, willMessage, userName, password));
    }

    private static MqttProperties properties(WireReader in) {
        MqttProperties properties = PropertyRules.values(in, PropertyRules.Place.CONNECT);
        if (properties.getProperty(MqttProperties.AUTHENTICATION_DATA) != null
                && properties.getProperty(MqttProperties.AUTHENTICATION_METHOD) == null) {
            throw in.protocolError("Authentication Data without an Authentication Method (section 3.1.2.11.10)");
        }
        return properties;
    }
}
