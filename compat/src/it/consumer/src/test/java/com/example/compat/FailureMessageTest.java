package com.example.compat;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MqttBroker
class FailureMessageTest {

    @Test
    void aMissingMessageFailsWithWhatTheBrokerSaw(BrokerHandle broker, MqttClients clients) throws Exception {
        clients.v3("pi-1").publish("raspberry/topic", "0".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThatThrownBy(() -> assertThat(broker).within(Duration.ofMillis(300)).received()
                .onTopic("raspberry/topic").messages(2))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 2 messages on topic raspberry/topic within 300ms, but 1"
                        + " arrived")
                .hasMessageContaining("Broker traffic, oldest first:")
                .hasMessageContaining("pi-1")
                .hasMessageContaining("PUBLISH     raspberry/topic qos=1 retain=false \"0\"");
    }
}
