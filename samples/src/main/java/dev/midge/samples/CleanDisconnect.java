package dev.midge.samples;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a Paho client's connection with a DISCONNECT, so the broker discards its will, without hanging when the
 * network died silently.
 */
public final class CleanDisconnect {

    private static final Logger log = LoggerFactory.getLogger(CleanDisconnect.class);
    private static final long SEND_TIMEOUT_MILLIS = 2_000;

    private CleanDisconnect() {
    }

    /**
     * Disconnects when connected, then releases the client. Never throws: a failure is logged.
     *
     * @param client         the client
     * @param quiesceMillis  how long unfinished work (unacknowledged messages) may take to finish first
     */
    public static void disconnectAndClose(MqttAsyncClient client, long quiesceMillis) {
        try {
            if (client.isConnected()) {
                disconnect(client, quiesceMillis);
            }
            client.close(true);
        } catch (MqttException e) {
            log.warn("{}: could not release the client: {}", client.getClientId(), e.toString());
        }
    }

    private static void disconnect(MqttAsyncClient client, long quiesceMillis) throws MqttException {
        try {
            client.disconnect(quiesceMillis).waitForCompletion(quiesceMillis + SEND_TIMEOUT_MILLIS);
        } catch (MqttException e) {
            log.warn("{}: could not disconnect cleanly ({}); closing the connection", client.getClientId(),
                    e.toString());
            client.disconnectForcibly(0, 0, false);
        }
    }
}
