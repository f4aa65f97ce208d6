package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeBuilder;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge with several upstream addresses: it moves to the next when one cannot be reached, and without round
 * robin returns to the main address once that answers again. The edge runs on virtual time, so that the checks of
 * the main address happen when the test moves the clock.
 */
class BridgeAddressesTest {

    private static final String REMOTE_STATE = "$SYS/broker/connection/" + BridgedPair.REMOTE_CLIENT_ID + "/state";

    private Broker main;
    private Broker spare;
    private Broker edge;
    private EventRecorder events;
    private PahoClients mainClients;
    private PahoClients spareClients;
    private PahoClients edgeClients;

    @BeforeEach
    void startUpstreams() {
        main = Broker.builder().port(0).start();
        spare = Broker.builder().port(0).start();
        mainClients = new PahoClients(main.uri());
        spareClients = new PahoClients(spare.uri());
    }

    @AfterEach
    void closeAll() {
        for (AutoCloseable closeable : new AutoCloseable[]{edgeClients, events, edge, mainClients, spareClients,
                main, spare}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void whenTheMainAddressIsDownTheBridgeConnectsToTheNextAtOnce() throws Exception {
        main.suspend();

        startEdge(b -> b);

        awaitBridgeUpAt(spare);
        assertCrosses(spareClients, "0");
    }

    @Test
    void withoutRoundRobinTheBridgeMovesBackToTheMainAddressOnceItAnswers() throws Exception {
        main.suspend();
        startEdge(b -> b);
        awaitBridgeUpAt(spare);

        main.resume();
        edge.virtualTime().advance(BridgedPair.RESTART);

        events.await(BrokerEvent.BridgeDisconnected.class,
                e -> e.reason().equals("the main address " + address(main) + " answers again"));
        events.await(BrokerEvent.BridgeConnected.class, e -> e.address().equals(address(main)));
        assertCrosses(mainClients, "1");
    }

    @Test
    void whileTheMainAddressStaysDownTheBridgeStaysWithTheSpare() throws Exception {
        main.suspend();
        startEdge(b -> b);
        awaitBridgeUpAt(spare);

        edge.virtualTime().advance(BridgedPair.RESTART.multipliedBy(10));

        assertCrosses(spareClients, "2");
        assertThat(events.all(BrokerEvent.BridgeDisconnected.class))
                .allMatch(lost -> lost.reason().startsWith("cannot connect to " + address(main)));
    }

    @Test
    void withRoundRobinTheBridgeStaysWhereItIsAndMovesOnOnlyWhenThatConnectionEnds() throws Exception {
        main.suspend();
        startEdge(b -> b.roundRobin(true));
        awaitBridgeUpAt(spare);
        main.resume();

        edge.virtualTime().advance(BridgedPair.RESTART.multipliedBy(10));
        assertCrosses(spareClients, "3");
        assertThat(events.all(BrokerEvent.BridgeDisconnected.class))
                .allMatch(lost -> lost.reason().startsWith("cannot connect to " + address(main)));
        assertThat(main.retainedMessages()).noneMatch(m -> m.topic().equals(REMOTE_STATE));

        spare.suspend();
        events.await(BrokerEvent.BridgeConnected.class, e -> e.address().equals(address(main)));
        assertCrosses(mainClients, "4");
    }

    private void startEdge(UnaryOperator<BridgeBuilder> configure) {
        Bridge bridge = configure.apply(BridgedPair.bridgeTo(address(main)).address(address(spare))
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE)).build();
        edge = Broker.builder().port(0).virtualTime().bridge(bridge).start();
        events = EventRecorder.on(edge);
        edgeClients = new PahoClients(edge.uri());
    }

    /** Waits for the state the bridge publishes on the upstream it has connected to. */
    private static void awaitBridgeUpAt(Broker upstream) {
        Await.until("the bridge is up at " + address(upstream), () -> upstream.retainedMessages().stream()
                .anyMatch(m -> m.topic().equals(REMOTE_STATE) && m.payloadAsString().equals("1")));
    }

    private static String address(Broker broker) {
        return "127.0.0.1:" + broker.port();
    }

    /** Publishes on the edge and waits for the message on the given upstream, through the bridge. */
    private void assertCrosses(PahoClients upstream, String payload) throws Exception {
        MessageCollector received = new MessageCollector();
        MqttClient app = upstream.connect("cloud-app-" + payload, received);
        app.subscribe("pi/#", 1);
        MqttClient device = edgeClients.connect("device-" + payload, new MessageCollector());
        device.publish("pi/reading", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        received.next("pi/reading", payload);
    }
}
