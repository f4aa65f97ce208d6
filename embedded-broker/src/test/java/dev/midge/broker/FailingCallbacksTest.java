package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application callback that throws ends that one exchange with an answer or a close, never a hang; the broker
 * goes on serving everyone else. The broker logs each such failure as a warning, which this class expects to see.
 */
class FailingCallbacksTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final AuthenticationMethod BROKEN = new AuthenticationMethod() {
        @Override
        public String name() {
            return "BROKEN";
        }

        @Override
        public AuthenticationExchange start(ConnectRequest request) {
            return data -> {
                throw new IllegalStateException("exchange bug");
            };
        }
    };
    private static final MqttProperties BROKEN_METHOD = new MqttProperties();

    static {
        BROKEN_METHOD.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "BROKEN"));
    }

    @Test
    void aThrowingAuthenticatorRefusesTheClientAsServerUnavailable() {
        try (Broker broker = Broker.builder().port(0).authenticator(request -> {
            if (request.clientId().equals("trigger")) {
                throw new IllegalStateException("authenticator bug");
            }
            return ConnectCode.ACCEPTED;
        }).start(); EventRecorder events = EventRecorder.on(broker)) {
            try (RawMqttClient client = RawMqttClient.open(broker.port())) {
                client.send(ConnectPacket.mqtt311("trigger").build());
                assertThat(client.expect(Packet.CONNACK).connackCode()).isEqualTo(3);
                assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            }
            assertThat(events.await(BrokerEvent.ConnectionRefused.class, e -> e.clientId().equals("trigger")).code())
                    .isEqualTo(ConnectCode.SERVER_UNAVAILABLE);
            try (RawMqttClient next = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("fine"))) {
                next.ping();
                assertThat(broker.connectedClients()).containsExactly("fine");
            }
        }
    }

    @Test
    void aThrowingAuthenticationExchangeRefusesTheClientAsServerUnavailable() {
        try (Broker broker = Broker.builder().port(0).enhancedAuthentication(BROKEN).start()) {
            try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
                MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("trigger")
                        .properties(BROKEN_METHOD));
                assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF)
                        .isEqualTo(ConnectCode.SERVER_UNAVAILABLE.reasonCode());
                assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            }
            try (RawMqtt5Client next = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("fine"))) {
                next.ping();
                assertThat(broker.connectedClients()).containsExactly("fine");
            }
        }
    }

    @Test
    void anExchangeRefusedForAThrowingMethodIsOverEvenBeforeTheConnectionCloses() {
        try (Broker broker = Broker.builder().port(0).virtualTime().connectTimeout(Duration.ofSeconds(1))
                .enhancedAuthentication(BROKEN).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("trigger")
                    .properties(BROKEN_METHOD));
            assertThat(connack.variableHeader().connectReturnCode().byteValue() & 0xFF)
                    .isEqualTo(ConnectCode.SERVER_UNAVAILABLE.reasonCode());

            // The client has not closed its side yet: the exchange's deadline passes while the broker drains it.
            broker.virtualTime().advance(Duration.ofSeconds(2));

            assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            events.await(BrokerEvent.ConnectionRefused.class, e -> e.clientId().equals("trigger"));
            assertThat(events.all(BrokerEvent.ConnectionRefused.class)).extracting(BrokerEvent.ConnectionRefused::code)
                    .containsExactly(ConnectCode.SERVER_UNAVAILABLE);
        }
    }

    @Test
    void aThrowingAuthorizerClosesThatConnectionAndPublishesItsWill() {
        try (Broker broker = Broker.builder().port(0).authorizer(new Authorizer() {
                    @Override
                    public boolean canPublish(String clientId, String username, String topic) {
                        return true;
                    }

                    @Override
                    public boolean canSubscribe(String clientId, String username, String filter) {
                        if (filter.equals("trigger")) {
                            throw new IllegalStateException("authorizer bug");
                        }
                        return true;
                    }
                }).start();
             EventRecorder events = EventRecorder.on(broker);
             RawMqttClient watcher = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("watcher"))) {
            watcher.send(MqttPackets.subscribe(1, "will", 0));
            watcher.expect(Packet.SUBACK);
            try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                    ConnectPacket.mqtt311("c1").will("will", "c1 gone", 0, false))) {
                client.send(MqttPackets.subscribe(1, "trigger", 1));
                assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
            }
            assertThat(watcher.expect(Packet.PUBLISH).payloadAsString()).isEqualTo("c1 gone");
            BrokerEvent.ClientDisconnected disconnected = events.await(BrokerEvent.ClientDisconnected.class,
                    e -> e.clientId().equals("c1"));
            assertThat(disconnected.reason()).isEqualTo(DisconnectReason.DROPPED_BY_BROKER);
            assertThat(disconnected.detail()).contains("authorizer bug");
        }
    }
}
