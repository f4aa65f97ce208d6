package dev.midge.broker.v5;

import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.PahoV5Clients;
import dev.midge.broker.testing.V5MessageCollector;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enhanced authentication with Eclipse Paho's MQTT 5 client (1.2.5), through a method that decides in one step: Paho
 * cannot send AUTH before CONNACK, so it cannot answer a challenge, and SCRAM is out of its reach.
 */
class PahoEnhancedAuthenticationTest {

    private static final long WAIT_MILLIS = 5000;
    private static final byte[] TOKEN = "token-of-pi".getBytes(StandardCharsets.UTF_8);

    /** Accepts the one token as user pi, in one step. */
    private static final AuthenticationMethod TOKEN_METHOD = new AuthenticationMethod() {
        @Override
        public String name() {
            return "TOKEN";
        }

        @Override
        public AuthenticationExchange start(ConnectRequest request) {
            return data -> Arrays.equals(data, TOKEN) ? AuthenticationStep.success("pi", null)
                    : AuthenticationStep.failure(ConnectCode.NOT_AUTHORIZED, "unknown token");
        }
    };

    private final Broker broker = Broker.builder().port(0).enhancedAuthentication(TOKEN_METHOD).start();
    private final EventRecorder events = EventRecorder.on(broker);
    private final V5MessageCollector collector = new V5MessageCollector();
    private MqttAsyncClient client;

    @AfterEach
    void tearDown() throws MqttException {
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(WAIT_MILLIS);
            }
            client.close();
        }
        events.close();
        broker.close();
    }

    @Test
    void pahoConnectsWithAnAuthenticationMethodAsTheUserTheMethodNames() throws MqttException {
        client = new MqttAsyncClient(broker.uri().toString(), "device", new MemoryPersistence());
        client.setCallback(collector);

        IMqttToken token = client.connect(options(TOKEN));
        token.waitForCompletion(WAIT_MILLIS);

        assertThat(token.getResponseProperties().getAuthenticationMethod()).isEqualTo("TOKEN");
        assertThat(events.await(BrokerEvent.ClientConnected.class, e -> true).username()).isEqualTo("pi");
    }

    @Test
    void pahoCannotReauthenticateBecauseItsAuthSetsAReservedFlag() throws MqttException {
        client = new MqttAsyncClient(broker.uri().toString(), "device", new MemoryPersistence());
        client.setCallback(collector);
        client.connect(options(TOKEN)).waitForCompletion(WAIT_MILLIS);
        MqttProperties reauthenticate = new MqttProperties();
        reauthenticate.setAuthenticationMethod("TOKEN");
        reauthenticate.setAuthenticationData(TOKEN);

        client.authenticate(0x19, null, reauthenticate);

        // Paho 1.2.5 writes AUTH as 0xF1; MQTT-3.15.1-1 makes that a malformed packet.
        assertThat(collector.awaitDisconnected().getReturnCode()).isEqualTo(0x81);
        assertThat(events.await(BrokerEvent.ClientDisconnected.class, e -> true).detail())
                .contains("MQTT-2.1.3-1");
    }

    @Test
    void pahoWithAWrongTokenIsRefusedWithTheMethodsCode() throws MqttException {
        client = new MqttAsyncClient(broker.uri().toString(), "device", new MemoryPersistence());

        assertThatThrownBy(() -> client.connect(options("forged".getBytes(StandardCharsets.UTF_8)))
                .waitForCompletion(WAIT_MILLIS)).isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(ConnectCode.NOT_AUTHORIZED.reasonCode()));
        assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> true).code())
                .isEqualTo(ConnectCode.NOT_AUTHORIZED);
    }

    private static MqttConnectionOptions options(byte[] token) {
        MqttConnectionOptions options = PahoV5Clients.options();
        options.setAuthMethod("TOKEN");
        options.setAuthData(token);
        return options;
    }
}
