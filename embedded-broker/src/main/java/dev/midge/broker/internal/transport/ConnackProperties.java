package dev.midge.broker.internal.transport;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The CONNACK properties that tell an MQTT 5 client what the broker supports.
 */
final class ConnackProperties {

    static final int TOPIC_ALIAS_MAXIMUM = 64;

    private ConnackProperties() {
    }

    static MqttProperties of(Listener listener, String assignedClientId) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, listener.maxPacketSize()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS_MAXIMUM));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 1));
        if (assignedClientId != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER,
                    assignedClientId));
        }
        return properties;
    }
}
