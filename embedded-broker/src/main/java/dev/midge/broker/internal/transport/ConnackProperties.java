package dev.midge.broker.internal.transport;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The CONNACK properties that tell an MQTT 5 client what the broker supports. Maximum QoS is left out, which tells
 * the client that all three levels are supported.
 */
final class ConnackProperties {

    static final int TOPIC_ALIAS_MAXIMUM = 64;

    private ConnackProperties() {
    }

    /**
     * @param serverKeepAlive the keep-alive interval the client must use instead of its own, or -1 to keep its own
     * @param askingClientId  the identifier of a client that asked for Response Information, or null: one that did
     *                        not ask gets none [MQTT-3.1.2-28], nor does any client of a broker configured without it
     */
    static MqttProperties of(Listener listener, String assignedClientId, int serverKeepAlive,
                             String askingClientId) {
        MqttProperties properties = new MqttProperties();
        if (listener.receiveMaximum() < 65535) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM,
                    listener.receiveMaximum()));
        }
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, listener.maxPacketSize()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS_MAXIMUM));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 1));
        if (serverKeepAlive >= 0) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, serverKeepAlive));
        }
        if (assignedClientId != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER,
                    assignedClientId));
        }
        if (askingClientId != null && listener.responseInformation() != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_INFORMATION,
                    listener.responseInformation() + askingClientId));
        }
        return properties;
    }
}
