package dev.midge.broker.internal.transport;

import dev.midge.broker.MessageProperties;
import dev.midge.broker.UserProperty;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the broker's {@link MessageProperties} from the codec's MQTT 5 properties, and builds the codec's properties
 * of the packets the broker sends but PUBLISH.
 */
final class WireProperties {

    private WireProperties() {
    }

    static MessageProperties toMessageProperties(MqttProperties wire) {
        if (wire == null || wire.isEmpty()) {
            return MessageProperties.NONE;
        }
        Integer format = intValue(wire, MqttProperties.PAYLOAD_FORMAT_INDICATOR);
        Integer expiry = intValue(wire, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
        String contentType = stringValue(wire, MqttProperties.CONTENT_TYPE);
        String responseTopic = stringValue(wire, MqttProperties.RESPONSE_TOPIC);
        MqttProperties.MqttProperty<?> correlation = wire.getProperty(MqttProperties.CORRELATION_DATA);
        List<UserProperty> users = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> property : wire.getProperties(MqttProperties.USER_PROPERTY)) {
            if (property instanceof MqttProperties.UserProperties pairs) {
                pairs.value().forEach(pair -> users.add(new UserProperty(pair.key, pair.value)));
            } else if (property instanceof MqttProperties.UserProperty pair) {
                users.add(new UserProperty(pair.value().key, pair.value().value));
            }
        }
        return new MessageProperties(format, expiry == null ? null : Integer.toUnsignedLong(expiry), contentType,
                responseTopic, correlation == null ? null : (byte[]) correlation.value(), users);
    }

    static Integer intValue(MqttProperties wire, int id) {
        MqttProperties.MqttProperty<?> property = wire.getProperty(id);
        return property == null ? null : (Integer) property.value();
    }

    static String stringValue(MqttProperties wire, int id) {
        MqttProperties.MqttProperty<?> property = wire.getProperty(id);
        return property == null ? null : (String) property.value();
    }

    static MqttProperties reasonString(String reason) {
        if (reason == null || reason.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties wire = new MqttProperties();
        wire.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
        return wire;
    }

    /**
     * @return false when the payload is declared UTF-8 text (Payload Format Indicator 1) and is not valid UTF-8
     */
    static boolean payloadMatchesFormat(MessageProperties properties, byte[] payload) {
        Integer format = properties.payloadFormatIndicator();
        if (format == null || format != 1) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
