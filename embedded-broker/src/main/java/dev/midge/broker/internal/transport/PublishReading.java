package dev.midge.broker.internal.transport;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Reads a client's PUBLISH from its bytes in one pass, checking each field as it goes: the topic name, the packet
 * identifier and the MQTT 5 properties. The payload shares the packet's memory.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class PublishReading {

    private static final int NO_PACKET_ID = -1;

    private PublishReading() {
    }

    /**
     * @param in        positioned at the start of the packet's body, ending where the packet ends
     * @param firstByte the packet's type and flags, already checked
     * @return the packet, holding its payload until it is released
     * @throws InvalidPacketException when the packet breaks a rule
     */
    static MqttPublishMessage read(WireReader in, int firstByte) {
        int remainingLength = in.end() - in.position();
        int qos = (firstByte >> 1) & 0x03;
        String topic = in.readString("the topic name");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw in.malformed("a topic name with a wildcard [MQTT-3.3.2-2]");
        }
        int packetId = NO_PACKET_ID;
        if (qos > 0) {
            packetId = in.readPacketId("a QoS 1 or 2 PUBLISH");
        }
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (in.protocolVersion() >= 5) {
            properties = properties(in, topic);
        } else if (topic.isEmpty()) {
            throw in.malformed("an empty topic name [MQTT-4.7.3-1]");
        }
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, (firstByte & 0x08) != 0,
                MqttQoS.valueOf(qos), (firstByte & 0x01) != 0, remainingLength);
        return new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, packetId, properties),
                in.retainRest());
    }

    private static MqttProperties properties(WireReader in, String topic) {
        MqttProperties properties = new MqttProperties();
        PropertyRules.Found found = PropertyRules.read(in, PropertyRules.Place.PUBLISH, properties);
        if (found.has(PropertyRules.SUBSCRIPTION_IDENTIFIER)) {
            throw in.protocolError("a PUBLISH from a client with a Subscription Identifier [MQTT-3.3.4-6]");
        }
        if (topic.isEmpty() && !found.has(PropertyRules.TOPIC_ALIAS)) {
            throw in.protocolError("an empty topic name without a Topic Alias (section 3.3.2.1)");
        }
        return found.identifiers() == 0 ? MqttProperties.NO_PROPERTIES : properties;
    }
}
