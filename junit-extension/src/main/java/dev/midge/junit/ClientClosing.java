package dev.midge.junit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Closes Paho clients at the end of a test whatever state they are in: a clean DISCONNECT when connected (no will
 * fires), a forced close when the broker is already gone.
 */
final class ClientClosing {

    private static final long QUIESCE_MILLIS = 0;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 2000;

    private ClientClosing() {
    }

    static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(QUIESCE_MILLIS);
            }
        } catch (MqttException e) {
            forceDisconnect(client);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // the client is already closed, which is all this wants
        }
    }

    private static void forceDisconnect(MqttClient client) {
        try {
            client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
        } catch (MqttException e) {
            // the connection is already gone
        }
    }

    static void close(org.eclipse.paho.mqttv5.client.MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(QUIESCE_MILLIS);
            }
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            try {
                client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
            } catch (org.eclipse.paho.mqttv5.common.MqttException gone) {
                // the connection is already gone
            }
        }
        try {
            client.close(true);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            // the client is already closed, which is all this wants
        }
    }
}
