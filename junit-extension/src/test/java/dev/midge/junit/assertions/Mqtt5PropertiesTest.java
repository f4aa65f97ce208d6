package dev.midge.junit.assertions;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code assertThat(broker).received()} narrowed by the MQTT 5 properties a Paho v5 publisher sent: user
 * properties, content type, response topic, correlation data, payload format indicator, message expiry interval;
 * and the same checks on a retained message and a will.
 */
@MqttBroker
class Mqtt5PropertiesTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final String TOPIC = "sensors/pi/temp";

    private static void publish(MqttClient client, String payload, Consumer<MqttProperties> properties)
            throws Exception {
        MqttProperties sent = new MqttProperties();
        properties.accept(sent);
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setProperties(sent);
        client.publish(TOPIC, message);
    }

    @Test
    void userPropertiesAndContentTypeNarrowTheMessages(BrokerHandle broker, MqttClients clients) throws Exception {
        MqttClient pi = clients.v5("pi");
        publish(pi, "21.5", p -> {
            p.setUserProperties(List.of(new UserProperty("unit", "C"), new UserProperty("sensor", "ds18b20")));
            p.setContentType("application/json");
        });
        publish(pi, "70.7", p -> p.setUserProperties(List.of(new UserProperty("unit", "F"))));

        assertThat(broker).received().onTopic(TOPIC).withUserProperty("unit", "C")
                .withContentType("application/json").once();
        assertThat(broker).received().onTopic(TOPIC).withUserProperty("unit", "F").withPayload("70.7").once();
        assertThat(broker).received().onTopic(TOPIC).withUserProperty("sensor", "ds18b20").once();
    }

    @Test
    void anotherUserPropertyValueFailsNamingTheValueSent(BrokerHandle broker, MqttClients clients) throws Exception {
        publish(clients.v5("pi"), "70.7", p -> p.setUserProperties(List.of(new UserProperty("unit", "F"))));

        assertThatThrownBy(() -> assertThat(broker).within(SHORT).received().onTopic(TOPIC)
                .withUserProperty("unit", "C").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic sensors/pi/temp with user property unit=C"
                        + " within 200ms, but none arrived.")
                .hasMessageContaining("Other messages on topic sensors/pi/temp:")
                .hasMessageFindingMatch("→ PUBLISH +sensors/pi/temp qos=1 retain=false \"70.7\""
                        + " \\{userProperties=\\[unit=F]}  — user property unit is F");
    }

    @Test
    void aMissingUserPropertyFailsListingTheOnesSent(BrokerHandle broker, MqttClients clients) throws Exception {
        publish(clients.v5("pi"), "21.5", p -> p.setUserProperties(List.of(new UserProperty("sensor", "a"))));

        assertThatThrownBy(() -> assertThat(broker).within(SHORT).received().withUserProperty("unit", "C")
                .atLeastOnce())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("— no user property unit (has sensor=a)");
    }

    @Test
    void aRequestCarriesItsResponseTopicAndCorrelationData(BrokerHandle broker, MqttClients clients)
            throws Exception {
        publish(clients.v5("dashboard"), "read", p -> {
            p.setResponseTopic("replies/dashboard");
            p.setCorrelationData("req-42".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(broker).received().withResponseTopic("replies/dashboard").withCorrelationData("req-42").once();
        assertThat(broker).received().withCorrelationData("req-42".getBytes(StandardCharsets.UTF_8)).once();
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).received().onTopic(TOPIC)
                .withCorrelationData("req-43").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected exactly 1 message on topic sensors/pi/temp with correlation data"
                        + " \"req-43\" within 200ms, but none arrived.")
                .hasMessageContaining("— correlation data is \"req-42\"");
    }

    @Test
    void thePayloadFormatIndicatorAndExpiryAreTheOnesPublished(BrokerHandle broker, MqttClients clients)
            throws Exception {
        publish(clients.v5("pi"), "21.5", p -> {
            p.setPayloadFormat(true);
            p.setMessageExpiryInterval(60L);
        });

        assertThat(broker).received().onTopic(TOPIC).withPayloadFormatIndicator(1).withMessageExpiryInterval(60)
                .once();
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).received().onTopic(TOPIC)
                .withMessageExpiryInterval(30).once())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with message expiry interval 30s within 200ms")
                .hasMessageContaining("— message expiry interval is 60s");
    }

    @Test
    void aMessageFromAnMqtt3ClientHasNoPropertiesToMatch(BrokerHandle broker, MqttClients clients) throws Exception {
        clients.v3("old-pi").publish(TOPIC, "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThatThrownBy(() -> assertThat(broker).within(SHORT).received().onTopic(TOPIC)
                .withContentType("application/json").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("— no content type");
    }

    @Test
    void aRetainedMessageIsCheckedWithTheProperties(BrokerHandle broker, MqttClients clients) throws Exception {
        MqttProperties sent = new MqttProperties();
        sent.setContentType("application/json");
        sent.setUserProperties(List.of(new UserProperty("unit", "C")));
        clients.v5("pi").publish(TOPIC, new MqttMessage("{\"t\": 21.5}".getBytes(StandardCharsets.UTF_8), 1, true,
                sent));

        assertThat(broker).hasRetainedMessage(TOPIC).withContentType("application/json").withUserProperty("unit", "C");
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).hasRetainedMessage(TOPIC)
                .withContentType("text/plain"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a retained message on topic sensors/pi/temp with content type"
                        + " text/plain within 200ms, but the one retained does not match (content type is"
                        + " application/json)");
    }

    @Test
    void aWillIsCheckedWithItsProperties(BrokerHandle broker, MqttClients clients) throws Exception {
        MqttProperties willProperties = new MqttProperties();
        willProperties.setContentType("text/plain");
        willProperties.setUserProperties(List.of(new UserProperty("cause", "connection lost")));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setWill("raspberry/status", new MqttMessage("Off".getBytes(StandardCharsets.UTF_8), 1, false, null));
        options.setWillMessageProperties(willProperties);
        clients.v5("pi", options);

        broker.faults().dropConnection("pi");

        assertThat(broker).publishedWillOf("pi").withContentType("text/plain")
                .withUserProperty("cause", "connection lost");
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).publishedWillOf("pi")
                .withUserProperty("cause", "power cut"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with user property cause=power cut within 200ms")
                .hasMessageContaining("— user property cause is connection lost");
    }

    @Test
    void impossiblePropertyValuesAreMistakesInTheTest(BrokerHandle broker) {
        assertThatThrownBy(() -> assertThat(broker).received().withPayloadFormatIndicator(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A payload format indicator is 0 (bytes) or 1 (UTF-8 text), not 2");
        assertThatThrownBy(() -> assertThat(broker).received().withMessageExpiryInterval(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not -1");
    }
}
