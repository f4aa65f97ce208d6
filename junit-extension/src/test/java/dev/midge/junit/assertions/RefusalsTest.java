package dev.midge.junit.assertions;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.Broker;
import dev.midge.broker.ConnectCode;
import dev.midge.junit.MqttClients;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the broker refused, as it recorded it: a CONNECT with its CONNACK code, a PUBLISH, a subscription.
 */
class RefusalsTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private final EmbeddedBrokerHandle broker = new EmbeddedBrokerHandle(Broker.builder().port(0)
            .authenticator(Authenticator.users(Map.of("pi", "secret")))
            .authorizer(new Authorizer() {
                @Override
                public boolean canPublish(String clientId, String username, String topic) {
                    return !topic.startsWith("secret/");
                }

                @Override
                public boolean canSubscribe(String clientId, String username, String filter) {
                    return !filter.startsWith("secret/");
                }
            })
            .start());
    private final MqttClients clients = new MqttClients(broker);

    @AfterEach
    void close() {
        clients.close();
        broker.close();
    }

    private MqttClient connect(String clientId, String password) throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("pi");
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        return clients.v5(clientId, options);
    }

    @Test
    void aWrongPasswordIsRefusedWithItsConnackCode() {
        catchThrowable(() -> connect("pi-1", "wrong"));

        assertThat(broker).hasRefusedConnection("pi-1");
        assertThat(broker).hasRefusedConnection("pi-1", ConnectCode.BAD_USER_NAME_OR_PASSWORD);
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).hasRefusedConnection("pi-1",
                ConnectCode.NOT_AUTHORIZED))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to refuse a CONNECT of client pi-1 with NOT_AUTHORIZED"
                        + " (MQTT 5 reason code 0x87) within 200ms, but it refused only these:\n")
                .hasMessageFindingMatch("pi-1 +← REFUSED +BAD_USER_NAME_OR_PASSWORD");
    }

    @Test
    void anAcceptedConnectionIsNoRefusal() throws Exception {
        connect("pi-1", "secret");

        assertThatThrownBy(() -> assertThat(broker).within(SHORT).hasRefusedConnection("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to refuse a CONNECT of client pi-1 within 200ms, but it"
                        + " refused nothing of that kind.")
                .hasMessageFindingMatch("pi-1 +→ CONNECT +v5 clean");
    }

    @Test
    void aMessageOnAForbiddenTopicIsRefusedAndTheAssertionWaitsForIt() throws Exception {
        MqttClient pi = connect("pi-1", "secret");
        pi.publish("secret/door", new MqttMessage("open".getBytes(StandardCharsets.UTF_8), 0, false, null));

        assertThat(broker).hasRefusedPublish("pi-1", "secret/door");
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).hasRefusedPublish("pi-1", "secret/window"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to refuse a message client pi-1 published on"
                        + " secret/window within 200ms, but it refused only these:\n")
                .hasMessageFindingMatch("→ REFUSED +secret/door qos=0 retain=false \"open\" \\(not authorised\\)");
    }

    @Test
    void aForbiddenSubscriptionIsRefusedSayingWhy() throws Exception {
        MqttClient pi = connect("pi-1", "secret");
        catchThrowable(() -> pi.subscribe("secret/#", 1));

        assertThat(broker).hasRefusedSubscription("pi-1", "secret/#");
        assertThatThrownBy(() -> assertThat(broker).within(SHORT).hasRefusedSubscription("pi-1", "open/#"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to refuse client pi-1 a subscription to open/# within"
                        + " 200ms, but it refused only these:\n")
                .hasMessageFindingMatch("→ SUBSCRIBE +secret/# refused: not authorised");
    }
}
