package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * Sizes and writes the MQTT 5 properties of the packets the broker sends but PUBLISH, in the order the properties
 * list them. Only the properties the broker sends are known here.
 *
 * <p>Used on the broker's event-loop thread.
 */
final class ControlProperties {

    private ControlProperties() {
    }

    /** @return the length of the properties section, without its own length field */
    static int length(MqttProperties properties) {
        int length = 0;
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            length += 1 + switch (property.propertyId()) {
                case MqttProperties.RETAIN_AVAILABLE, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE,
                     MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                     MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE -> 1;
                case MqttProperties.RECEIVE_MAXIMUM, MqttProperties.TOPIC_ALIAS_MAXIMUM,
                     MqttProperties.SERVER_KEEP_ALIVE -> 2;
                case MqttProperties.MAXIMUM_PACKET_SIZE -> 4;
                case MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, MqttProperties.RESPONSE_INFORMATION,
                     MqttProperties.REASON_STRING, MqttProperties.AUTHENTICATION_METHOD ->
                        WireEncoding.stringLength((String) property.value());
                case MqttProperties.AUTHENTICATION_DATA -> 2 + ((byte[]) property.value()).length;
                default -> throw new IllegalArgumentException("not a property the broker sends: "
                        + property.propertyId());
            };
        }
        return length;
    }

    /** Writes the properties section: its length, then the properties. */
    static void write(ByteBuf out, MqttProperties properties, int length) {
        WireEncoding.writeVariableByteInteger(out, length);
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            int id = property.propertyId();
            out.writeByte(id);
            switch (id) {
                case MqttProperties.RETAIN_AVAILABLE, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE,
                     MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE ->
                        out.writeByte((Integer) property.value());
                case MqttProperties.RECEIVE_MAXIMUM, MqttProperties.TOPIC_ALIAS_MAXIMUM,
                     MqttProperties.SERVER_KEEP_ALIVE -> out.writeShort((Integer) property.value());
                case MqttProperties.MAXIMUM_PACKET_SIZE -> out.writeInt((Integer) property.value());
                case MqttProperties.AUTHENTICATION_DATA -> WireEncoding.writeBinary(out, (byte[]) property.value());
                default -> WireEncoding.writeString(out, (String) property.value());
            }
        }
    }
}
