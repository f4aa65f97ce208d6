package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.MessageCollector;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's state as Mosquitto's bridges publish it: retained 1 or 0 on the edge and on the upstream, where the
 * bridge's will turns it to 0 when the edge is lost.
 */
class BridgeNotificationsTest {

    private static final String REMOTE_STATE = "$SYS/broker/connection/" + BridgedPair.REMOTE_CLIENT_ID + "/state";

    private final BridgedPair pair = new BridgedPair();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void theUpstreamHoldsTheBridgesStateAndItsWillMarksItDownWhenTheEdgeIsLost(Bridge.Protocol protocol) {
        pair.start(b -> b.protocol(protocol).topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));
        pair.awaitRetainedUpstream(REMOTE_STATE, "1");

        pair.edge().crash();

        pair.awaitRetainedUpstream(REMOTE_STATE, "0");
    }

    @Test
    void aNotificationTopicNamesTheStateOnBothBrokers() {
        pair.startUpstream(b -> b);
        Bridge bridge = BridgedPair.bridgeTo("127.0.0.1:" + pair.upstream().port())
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).notificationTopic("edges/pi/state").build();

        pair.startEdge(bridge, b -> b);

        pair.awaitRetainedOnEdge("edges/pi/state", "1");
        pair.awaitRetainedUpstream("edges/pi/state", "1");
        assertThat(pair.edge().retainedMessages()).noneMatch(m -> m.topic().equals(BridgedPair.STATE_TOPIC));
    }

    @Test
    void withNotificationsOnThisBrokerOnlyTheUpstreamGetsNoState() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).notificationsLocalOnly(true));
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud).subscribe("pi/#", 1);

        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        device.publish("pi/reading", "after the state".getBytes(StandardCharsets.UTF_8), 1, false);

        cloud.next("pi/reading", "after the state");
        assertThat(pair.upstream().retainedMessages()).noneMatch(m -> m.topic().equals(REMOTE_STATE));
    }
}
