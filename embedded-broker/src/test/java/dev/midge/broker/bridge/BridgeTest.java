package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.Broker;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge from an edge broker to an upstream broker, both Midge in this JVM, over real sockets: messages cross in
 * both directions at every QoS, keep their retain flag, have their topic prefixes swapped, and never come back the
 * way they went.
 */
class BridgeTest {

    private final BridgedPair pair = new BridgedPair();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void messagesPublishedOnTheEdgeReachTheUpstreamAtTheQosTheyWerePublishedWith(Bridge.Protocol protocol)
            throws Exception {
        pair.start(b -> b.protocol(protocol).topic("pi/#", Bridge.Direction.OUT, QoS.EXACTLY_ONCE));
        MessageCollector upstream = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", upstream).subscribe("pi/#", 2);

        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        for (int qos = 0; qos <= 2; qos++) {
            device.publish("pi/reading/" + qos, ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos, false);
        }

        for (int qos = 0; qos <= 2; qos++) {
            MessageCollector.Received received = upstream.next("pi/reading/" + qos, "qos " + qos);
            assertThat(received.qos()).isEqualTo(qos);
            assertThat(received.retained()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void messagesPublishedUpstreamReachTheEdgeAtTheQosTheyWerePublishedWith(Bridge.Protocol protocol)
            throws Exception {
        pair.start(b -> b.protocol(protocol).topic("cmd/#", Bridge.Direction.IN, QoS.EXACTLY_ONCE));
        MessageCollector edge = new MessageCollector();
        pair.edgeClients().connect("device", edge).subscribe("cmd/#", 2);

        MqttClient cloud = pair.upstreamClients().connect("cloud-app", new MessageCollector());
        for (int qos = 0; qos <= 2; qos++) {
            cloud.publish("cmd/" + qos, ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos, false);
        }

        for (int qos = 0; qos <= 2; qos++) {
            assertThat(edge.next("cmd/" + qos, "qos " + qos).qos()).isEqualTo(qos);
        }
    }

    @Test
    void theBridgedTopicsQosCapsTheQosOfWhatCrosses() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_MOST_ONCE));
        MessageCollector upstream = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", upstream).subscribe("pi/#", 2);

        pair.edgeClients().connect("device", new MessageCollector())
                .publish("pi/reading", "21.5".getBytes(StandardCharsets.UTF_8), 2, false);

        assertThat(upstream.next("pi/reading", "21.5").qos()).isZero();
    }

    @Test
    void aRetainedMessageIsRetainedOnTheUpstreamToo() throws Exception {
        pair.start(b -> b.protocol(Bridge.Protocol.MQTT_5).topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));

        pair.edgeClients().connect("device", new MessageCollector())
                .publish("pi/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);

        pair.awaitRetainedUpstream("pi/status", "online");
        MessageCollector late = new MessageCollector();
        pair.upstreamClients().connect("late", late).subscribe("pi/status", 1);
        assertThat(late.next("pi/status", "online").retained()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void aRetainedMessageFromTheUpstreamKeepsItsRetainFlagOnTheEdge(Bridge.Protocol protocol) throws Exception {
        pair.start(b -> b.protocol(protocol).topic("cmd/#", Bridge.Direction.IN, QoS.AT_LEAST_ONCE));
        pair.upstreamClients().connect("cloud-app", new MessageCollector())
                .publish("cmd/mode", "eco".getBytes(StandardCharsets.UTF_8), 1, true);

        pair.awaitRetainedOnEdge("cmd/mode", "eco");
    }

    @Test
    void prefixesAreSwappedInBothDirections() throws Exception {
        pair.start(b -> b
                .topic("serial/read", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE, "local/", "emqx/")
                .topic("serial/write", Bridge.Direction.IN, QoS.AT_LEAST_ONCE, "local/", "emqx/"));
        MessageCollector upstream = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", upstream).subscribe("#", 1);
        MessageCollector edge = new MessageCollector();
        MqttClient device = pair.edgeClients().connect("device", edge);
        device.subscribe("local/serial/write", 1);

        device.publish("local/serial/read", "T=21".getBytes(StandardCharsets.UTF_8), 1, false);
        upstream.next("emqx/serial/read", "T=21");
        pair.upstreamClients().connect("cloud-cmd", new MessageCollector())
                .publish("emqx/serial/write", "LED=1".getBytes(StandardCharsets.UTF_8), 1, false);

        edge.next("local/serial/write", "LED=1");
    }

    @Test
    void anEmptyPatternBridgesThePrefixAlone() throws Exception {
        pair.start(b -> b.topic("", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE, "pi/temperature", "site1/temp"));
        MessageCollector upstream = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", upstream).subscribe("#", 1);

        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        device.publish("pi/temperature/extra", "ignored".getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("pi/temperature", "21".getBytes(StandardCharsets.UTF_8), 1, false);

        upstream.next("site1/temp", "21");
    }

    @ParameterizedTest
    @EnumSource(Bridge.Protocol.class)
    void aMessageOnATopicBridgedBothWaysDoesNotComeBack(Bridge.Protocol protocol) throws Exception {
        pair.start(b -> b.protocol(protocol).topic("chat/#", Bridge.Direction.BOTH, QoS.AT_LEAST_ONCE));
        MessageCollector upstream = new MessageCollector();
        MqttClient cloud = pair.upstreamClients().connect("cloud-app", upstream);
        cloud.subscribe("chat/#", 1);
        MessageCollector edge = new MessageCollector();
        MqttClient device = pair.edgeClients().connect("device", edge);
        device.subscribe("chat/#", 1);

        device.publish("chat/from-edge", "1".getBytes(StandardCharsets.UTF_8), 1, false);
        edge.next("chat/from-edge", "1");
        upstream.next("chat/from-edge", "1");
        cloud.publish("chat/from-cloud", "2".getBytes(StandardCharsets.UTF_8), 1, false);
        upstream.next("chat/from-cloud", "2");
        // An echo of the first message would have reached the edge ahead of this one, on the same connection.
        edge.next("chat/from-cloud", "2");
        device.publish("chat/from-edge", "3".getBytes(StandardCharsets.UTF_8), 1, false);
        edge.next("chat/from-edge", "3");
        // An echo of the second message would have reached the upstream ahead of this one.
        upstream.next("chat/from-edge", "3");

        assertThat(edge.pending()).isZero();
        assertThat(upstream.pending()).isZero();
    }

    @Test
    void theBridgeStateIsRetainedUnderSys() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));

        assertThat(pair.edge().retainedMessages())
                .filteredOn(m -> m.topic().equals(BridgedPair.STATE_TOPIC))
                .extracting(Message::payloadAsString).containsExactly("1");
    }
}
