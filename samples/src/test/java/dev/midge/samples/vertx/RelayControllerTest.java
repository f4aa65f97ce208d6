package dev.midge.samples.vertx;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.HiveMqClients;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.VertxMqttClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay controller, a Vert.x MQTT application, on a client from {@link VertxMqttClients}: commands published as
 * a dashboard would switch the relay, and its state is kept retained for dashboards that connect later.
 */
@MqttBroker
class RelayControllerTest {

    private RelayController pump;

    @BeforeEach
    void startThePump(VertxMqttClients clients, BrokerHandle broker) throws Exception {
        pump = new RelayController(clients.unconnected("pump"), "pump");
        pump.start(broker.host(), broker.port()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void reportsTheRelayOffAsARetainedStateWhenItStarts(BrokerHandle broker) {
        assertThat(broker).hasSubscription("pump", "raspberry/pump/command");
        assertThat(broker).hasRetainedMessage("raspberry/pump/state").withPayload("off");
        assertThat(pump.isOn()).isFalse();
    }

    @Test
    void anOnCommandSwitchesTheRelayAndTheRetainedStateFollows(BrokerHandle broker) {
        broker.publish(Message.of("raspberry/pump/command", "on").withQos(QoS.AT_LEAST_ONCE));

        assertThat(broker).received().from("pump").onTopic("raspberry/pump/state").withPayload("on").once();
        assertThat(broker).hasRetainedMessage("raspberry/pump/state").withPayload("on");
        assertThat(pump.isOn()).isTrue();
    }

    @Test
    void commandsAreTakenInTheOrderTheyArrive(BrokerHandle broker) {
        for (String command : new String[] {"toggle", "toggle", " ON ", "toggle"}) {
            broker.publish(Message.of("raspberry/pump/command", command).withQos(QoS.AT_LEAST_ONCE));
        }

        assertThat(broker).received().from("pump").onTopic("raspberry/pump/state")
                .payloadsInOrder("off", "on", "off", "on", "off");
        assertThat(pump.isOn()).isFalse();
    }

    @Test
    void anUnknownCommandIsAnsweredWithWhatToSendAndChangesNothing(BrokerHandle broker) {
        broker.publish("raspberry/pump/command", "dance");

        assertThat(broker).received().from("pump").onTopic("raspberry/pump/error")
                .withPayload("unknown command \"dance\": send on, off or toggle").once();
        assertThat(broker.receivedPayloads("raspberry/pump/state")).containsExactly("off");
    }

    @Test
    void aDashboardOnTheHiveMqClientSwitchesThePumpAndSeesItsState(HiveMqClients hiveMq) throws Exception {
        Mqtt5BlockingClient dashboard = hiveMq.v5("dashboard");
        try (Mqtt5BlockingClient.Mqtt5Publishes states = dashboard.publishes(MqttGlobalPublishFilter.ALL)) {
            dashboard.subscribeWith().topicFilter("raspberry/pump/state").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(payloadOf(states.receive(10, TimeUnit.SECONDS))).as("the retained state").isEqualTo("off");

            dashboard.publishWith().topic("raspberry/pump/command").payload("on".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).send();

            assertThat(payloadOf(states.receive(10, TimeUnit.SECONDS))).isEqualTo("on");
        }
    }

    private static String payloadOf(Optional<Mqtt5Publish> message) {
        return message.map(m -> new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).orElse("(nothing)");
    }
}
