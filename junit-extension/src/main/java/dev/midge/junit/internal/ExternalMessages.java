package dev.midge.junit.internal;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.UserProperty;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.List;

/**
 * Converts what the recording client receives from an external broker into broker messages.
 */
final class ExternalMessages {

    private ExternalMessages() {
    }

    static Message toMessage(String topic, MqttMessage received) {
        MqttProperties p = received.getProperties();
        MessageProperties properties = p == null ? MessageProperties.NONE : new MessageProperties(
                p.getPayloadFormat() ? 1 : null,
                p.getMessageExpiryInterval(),
                p.getContentType(),
                p.getResponseTopic(),
                p.getCorrelationData(),
                p.getUserProperties() == null ? List.of() : p.getUserProperties().stream()
                        .map(u -> new UserProperty(u.getKey(), u.getValue()))
                        .toList());
        return new Message(topic, received.getPayload(), QoS.of(received.getQos()), received.isRetained(),
                properties);
    }
}
