package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.ProtocolVersion;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;

import java.util.List;

/**
 * Builds the packets the broker sends, but PUBLISH, which {@link PublishEncoding} writes. The codec writes reason
 * codes and properties only to MQTT 5 clients.
 */
final class Packets {

    private static final MqttMessage PINGRESP =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private Packets() {
    }

    static MqttMessage connack(int code, boolean sessionPresent, MqttProperties properties) {
        return new MqttConnAckMessage(
                new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), sessionPresent, properties));
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP. */
    static MqttMessage reply(MqttMessageType type, int packetId, ReasonCode reasonCode) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode.value(), MqttProperties.NO_PROPERTIES));
    }

    static MqttMessage suback(int packetId, List<Integer> reasonCodes) {
        return new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(reasonCodes));
    }

    /** UNSUBACK; the codec writes reason codes whatever the version, so only MQTT 5 clients are given any. */
    static MqttMessage unsuback(int packetId, List<Short> reasonCodes, ProtocolVersion protocolVersion) {
        MqttMessageBuilders.UnsubAckBuilder builder = MqttMessageBuilders.unsubAck().packetId(packetId);
        if (protocolVersion.isMqtt5()) {
            builder.addReasonCodes(reasonCodes.toArray(new Short[0]));
        }
        return builder.build();
    }

    static MqttMessage pingresp() {
        return PINGRESP;
    }

    /** AUTH, which always names the Authentication Method [MQTT-4.12.0-5] and never carries a reason string. */
    static MqttMessage auth(ReasonCode reasonCode, String method, byte[] data) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method));
        if (data != null) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
        }
        return MqttMessageBuilders.auth().reasonCode((byte) reasonCode.value()).properties(properties).build();
    }

    static MqttMessage disconnect(ReasonCode reasonCode, String reason) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode.value(), WireProperties.reasonString(reason)));
    }
}
