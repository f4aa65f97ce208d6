package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.midge.junit.MqttAssertions.assertThat;

@MqttBroker
class WillTest {

    @Test
    void theWillIsPublishedWhenThePiDropsOff(BrokerHandle broker, MqttClients clients) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setWill("raspberry/status", "Off".getBytes(StandardCharsets.UTF_8), 1, true);
        clients.v3("pi", options);

        broker.faults().dropConnection("pi");

        assertThat(broker).publishedWillOf("pi").onTopic("raspberry/status").withPayload("Off").retained();
        assertThat(broker).hasRetainedMessage("raspberry/status").withPayload("Off");
    }
}
