package com.example.sensors;

import dev.midge.junit.MidgeExtension;
import dev.midge.junit.Reset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@DirtiesContext
class ReadingPublisherTest {

    // The application's client connects once, with the Spring context, and lives across tests: keep its session.
    @RegisterExtension
    static MidgeExtension broker = MidgeExtension.builder().reset(Reset.RECORDING, Reset.FAULTS).build();

    @DynamicPropertySource
    static void mqtt(DynamicPropertyRegistry registry) {
        registry.add("mqtt.url", () -> broker.uri().toString());
    }

    @Autowired
    ReadingPublisher publisher;

    @Test
    void aReadingReachesTheBroker() throws Exception {
        publisher.publish(21.5);

        assertThat(broker).received().onTopic("sensors/temperature").from("sensor-app").withPayload("21.5").once();
    }

    @Test
    void aReadingThatNeverCameFailsWithWhatTheBrokerSaw() throws Exception {
        publisher.publish(19.0);

        assertThatThrownBy(() -> assertThat(broker).within(Duration.ofMillis(300)).received()
                .onTopic("sensors/temperature").withPayload("20.0").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic sensors/temperature with payload"
                        + " \"20.0\" within 300ms, but none arrived.")
                .hasMessageContaining("PUBLISH     sensors/temperature qos=1 retain=false \"19.0\"");
    }
}
