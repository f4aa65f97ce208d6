package com.example.compat;

import dev.midge.junit.MidgeExtension;
import dev.midge.junit.MqttClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static dev.midge.junit.MqttAssertions.assertThat;

class RegisteredExtensionTest {

    @RegisterExtension
    static MidgeExtension broker = MidgeExtension.builder().websocket(true).build();

    private final MqttClients clients;

    RegisteredExtensionTest(MqttClients clients) {
        this.clients = clients;
    }

    @Test
    void aClientInjectedIntoTheConstructorReachesTheBrokerOverWebSocket() throws Exception {
        MqttClient pi = clients.v3OverWebSocket("pi-ws");
        pi.publish("raspberry/topic", "1".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(broker).received().onTopic("raspberry/topic").from("pi-ws").withPayload("1").once();
    }
}
