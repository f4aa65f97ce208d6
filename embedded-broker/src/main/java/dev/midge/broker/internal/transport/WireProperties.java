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
 * Converts between the wire's MQTT 5 properties and the broker's {@link MessageProperties}.
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

    static MqttProperties toWire(MessageProperties properties, List<Integer> subscriptionIdentifiers) {
        if (properties.isEmpty() && subscriptionIdentifiers.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties wire = new MqttProperties();
        if (properties.payloadFormatIndicator() != null) {
            wire.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR,
                    properties.payloadFormatIndicator()));
        }
        if (properties.messageExpiryInterval() != null) {
            wire.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    (int) properties.messageExpiryInterval().longValue()));
        }
        if (properties.contentType() != null) {
            wire.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, properties.contentType()));
        }
        if (properties.responseTopic() != null) {
            wire.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, properties.responseTopic()));
        }
        if (properties.correlationData() != null) {
            wire.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, properties.correlationData()));
        }
        if (!properties.userProperties().isEmpty()) {
            MqttProperties.UserProperties users = new MqttProperties.UserProperties();
            properties.userProperties().forEach(p -> users.add(p.name(), p.value()));
            wire.add(users);
        }
        for (Integer id : subscriptionIdentifiers) {
            wire.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
        }
        return wire;
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
