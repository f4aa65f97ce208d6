package com.example.sensors;

import dev.midge.junit.MidgeExtension;
import dev.midge.junit.Reset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.midge.junit.MqttAssertions.assertThat;

@SpringBootTest
@DirtiesContext
class AppWillTest {

    // The application's client connects once, with the Spring context, and lives across tests: keep its session.
    @RegisterExtension
    static MidgeExtension broker = MidgeExtension.builder().reset(Reset.RECORDING, Reset.FAULTS).build();

    @DynamicPropertySource
    static void mqtt(DynamicPropertyRegistry registry) {
        registry.add("mqtt.url", () -> broker.uri().toString());
    }

    @Test
    void theAppIsMarkedOfflineWhenItsConnectionDrops() {
        broker.faults().dropConnection("sensor-app");

        assertThat(broker).publishedWillOf("sensor-app").onTopic("sensors/status").withPayload("offline").retained();
    }
}
