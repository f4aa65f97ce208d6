package com.example.sensors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;

/**
 * Publishes temperature readings to {@code sensors/temperature}; its will marks the app offline on
 * {@code sensors/status} when its connection is lost.
 */
@Service
public class ReadingPublisher implements DisposableBean {

    private final MqttClient client;

    public ReadingPublisher(@Value("${mqtt.url}") String url, @Value("${mqtt.client-id}") String clientId)
            throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setWill("sensors/status", "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(options);
    }

    public void publish(double celsius) throws MqttException {
        client.publish("sensors/temperature", String.valueOf(celsius).getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void destroy() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
