package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DropReason;
import dev.midge.broker.Persistence;
import dev.midge.broker.QoS;
import dev.midge.broker.Transport;
import dev.midge.broker.testing.Await;
import dev.midge.broker.testing.EventRecorder;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.PahoClients;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge's life with its upstream: it connects over TCP or TLS, tells its state, keeps what is published for the
 * upstream while it is away and sends it in order when it is back, and keeps trying when the upstream refuses it.
 */
class BridgeConnectionTest {

    private final BridgedPair pair = new BridgedPair();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void messagesPublishedWhileTheUpstreamIsAwayAreSentInOrderWhenItIsBack() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        pair.upstreamClients().connect("cloud-app", new MessageCollector(), persistent).subscribe("pi/#", 1);
        EventRecorder events = EventRecorder.on(pair.edge());

        pair.upstream().suspend();
        BrokerEvent.BridgeDisconnected lost = events.await(BrokerEvent.BridgeDisconnected.class, e -> true);
        pair.awaitState("0");
        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        for (int i = 0; i < 10; i++) {
            device.publish("pi/reading", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        pair.upstream().resume();

        BrokerEvent.BridgeConnected back = events.await(BrokerEvent.BridgeConnected.class, e -> true);
        pair.awaitState("1");
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud, persistent);
        for (int i = 0; i < 10; i++) {
            cloud.next("pi/reading", Integer.toString(i));
        }
        assertThat(lost.bridge()).isEqualTo(BridgedPair.BRIDGE);
        assertThat(lost.clientId()).isEqualTo(BridgedPair.LOCAL_CLIENT_ID);
        assertThat(lost.reason()).isNotEmpty();
        assertThat(back.address()).isEqualTo("127.0.0.1:" + pair.upstream().port());
        assertThat(back.protocolVersion()).isEqualTo(4);
    }

    @Test
    void withPersistenceWhatWaitsForTheUpstreamSurvivesACrashOfTheEdge() throws Exception {
        pair.startUpstream(b -> b);
        Bridge bridge = BridgedPair.bridgeTo("127.0.0.1:" + pair.upstream().port())
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b.persistence(Persistence.in(dir)));
        pair.awaitConnected(bridge);
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        pair.upstreamClients().connect("cloud-app", new MessageCollector(), persistent).subscribe("pi/#", 1);
        pair.upstream().suspend();
        pair.awaitState("0");
        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        for (int i = 0; i < 5; i++) {
            device.publish("pi/reading", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }

        pair.edge().crash();
        pair.edgeClients().close();
        pair.startEdge(bridge, b -> b.persistence(Persistence.in(dir)));
        pair.upstream().resume();

        pair.awaitConnected(bridge);
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud, persistent);
        for (int i = 0; i < 5; i++) {
            cloud.next("pi/reading", Integer.toString(i));
        }
    }

    @Test
    void whatTheQueueHasNoRoomForWhileTheUpstreamIsAwayIsDroppedAndReported() throws Exception {
        pair.startUpstream(b -> b);
        Bridge bridge = BridgedPair.bridgeTo("127.0.0.1:" + pair.upstream().port())
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b.maxQueuedMessages(3));
        pair.awaitConnected(bridge);
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        pair.upstreamClients().connect("cloud-app", new MessageCollector(), persistent).subscribe("pi/#", 1);
        EventRecorder events = EventRecorder.on(pair.edge());

        pair.upstream().suspend();
        pair.awaitState("0");
        MqttClient device = pair.edgeClients().connect("device", new MessageCollector());
        device.publish("pi/qos0", "lost".getBytes(StandardCharsets.UTF_8), 0, false);
        for (int i = 0; i < 5; i++) {
            device.publish("pi/reading", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        pair.upstream().resume();

        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud, persistent);
        for (int i = 0; i < 3; i++) {
            cloud.next("pi/reading", Integer.toString(i));
        }
        assertThat(events.all(BrokerEvent.MessageDropped.class))
                .allMatch(d -> d.clientId().equals(BridgedPair.LOCAL_CLIENT_ID))
                .extracting(d -> d.message().payloadAsString() + " " + d.reason())
                .containsExactly("lost " + DropReason.CLIENT_OFFLINE, "3 " + DropReason.QUEUE_FULL,
                        "4 " + DropReason.QUEUE_FULL);
        assertThat(pair.edge().statistics().messagesDropped()).isEqualTo(3);
    }

    @Test
    void clearingTheEdgesSessionsMakesTheBridgeStartOverWithItsTopics() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));
        EventRecorder events = EventRecorder.on(pair.edge());

        pair.edge().clearSessions();

        BrokerEvent.BridgeDisconnected ended = events.await(BrokerEvent.BridgeDisconnected.class, e -> true);
        events.await(BrokerEvent.BridgeConnected.class, e -> true);
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud).subscribe("pi/#", 1);
        pair.edgeClients().connect("device", new MessageCollector())
                .publish("pi/reading", "21".getBytes(StandardCharsets.UTF_8), 1, false);
        cloud.next("pi/reading", "21");
        assertThat(ended.reason()).isEqualTo("the broker ended the bridge's session: SERVER_SHUTTING_DOWN");
    }

    @Test
    void suspendingTheEdgeTakesItsBridgeDownAndResumingBringsItBack() throws Exception {
        pair.start(b -> b.topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE));

        pair.edge().suspend();
        Await.until("the bridge has left the upstream",
                () -> !pair.upstream().connectedClients().contains(BridgedPair.REMOTE_CLIENT_ID));
        pair.edge().resume();

        Await.until("the bridge is back on the upstream",
                () -> pair.upstream().connectedClients().contains(BridgedPair.REMOTE_CLIENT_ID));
        pair.awaitState("1");
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud).subscribe("pi/#", 1);
        pair.edgeClients().connect("device", new MessageCollector())
                .publish("pi/reading", "21".getBytes(StandardCharsets.UTF_8), 1, false);
        cloud.next("pi/reading", "21");
    }

    @Test
    void anUpstreamThatRefusesTheCredentialsIsReportedAndTriedAgainUntilItAccepts() throws Exception {
        AtomicBoolean accepting = new AtomicBoolean();
        pair.startUpstream(b -> b.authenticator(request -> accepting.get() && "pi".equals(request.username())
                && "secret".equals(request.passwordAsString()) ? ConnectCode.ACCEPTED
                : ConnectCode.BAD_USER_NAME_OR_PASSWORD));
        Bridge bridge = BridgedPair.bridgeTo("127.0.0.1:" + pair.upstream().port())
                .remoteCredentials("pi", "secret").topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);
        EventRecorder events = EventRecorder.on(pair.edge());

        events.await(BrokerEvent.BridgeDisconnected.class, e -> true);
        BrokerEvent.BridgeDisconnected again = events.await(BrokerEvent.BridgeDisconnected.class,
                e -> events.all(BrokerEvent.BridgeDisconnected.class).size() >= 2);
        accepting.set(true);

        events.await(BrokerEvent.BridgeConnected.class, e -> true);
        pair.awaitState("1");
        assertThat(again.reason()).isEqualTo("the upstream refused the connection: bad user name or password (4)");
    }

    @Test
    void aBridgeReachesItsUpstreamOverTlsTrustingTheCertificateInItsCaFile() throws Exception {
        pair.startUpstream(b -> b.tlsPort(0));
        Path ca = pair.upstream().certificate().writePem(dir.resolve("upstream-ca.pem"));
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(ca).topic("pi/#", Bridge.Direction.BOTH, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);
        pair.awaitConnected(bridge);
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud).subscribe("pi/#", 1);

        pair.edgeClients().connect("device", new MessageCollector())
                .publish("pi/reading", "21".getBytes(StandardCharsets.UTF_8), 1, false);

        cloud.next("pi/reading", "21");
        assertThat(bridge.addresses().get(0).transport()).isEqualTo(Transport.TLS);
    }

    @Test
    void aBridgeReachesItsUpstreamOverWebSocket() throws Exception {
        pair.startUpstream(b -> b.websocketPort(0));
        Bridge bridge = BridgedPair.bridgeTo("ws://127.0.0.1:" + pair.upstream().websocketPort() + "/mqtt")
                .topic("pi/#", Bridge.Direction.BOTH, QoS.EXACTLY_ONCE).build();
        pair.startEdge(bridge, b -> b);

        assertMessagesCrossBothWays(bridge);
        assertThat(pair.upstreamEvents().await(BrokerEvent.ClientConnected.class,
                c -> c.clientId().equals(BridgedPair.REMOTE_CLIENT_ID)).transport()).isEqualTo(Transport.WEBSOCKET);
    }

    @Test
    void aBridgeReachesItsUpstreamOverSecureWebSocketTrustingTheCertificateInItsCaFile() throws Exception {
        pair.startUpstream(b -> b.secureWebsocketPort(0));
        Path ca = pair.upstream().certificate().writePem(dir.resolve("upstream-ca.pem"));
        Bridge bridge = BridgedPair.bridgeTo("wss://localhost:" + pair.upstream().secureWebsocketPort())
                .trustedCertificates(ca).topic("pi/#", Bridge.Direction.BOTH, QoS.EXACTLY_ONCE).build();
        pair.startEdge(bridge, b -> b);

        assertMessagesCrossBothWays(bridge);
        assertThat(pair.upstreamEvents().await(BrokerEvent.ClientConnected.class,
                c -> c.clientId().equals(BridgedPair.REMOTE_CLIENT_ID)).transport())
                .isEqualTo(Transport.SECURE_WEBSOCKET);
    }

    private void assertMessagesCrossBothWays(Bridge bridge) throws Exception {
        pair.awaitConnected(bridge);
        MessageCollector cloud = new MessageCollector();
        MqttClient cloudApp = pair.upstreamClients().connect("cloud-app", cloud);
        cloudApp.subscribe("pi/up", 2);
        MessageCollector device = new MessageCollector();
        MqttClient pi = pair.edgeClients().connect("device", device);
        pi.subscribe("pi/down", 2);

        pi.publish("pi/up", "21".getBytes(StandardCharsets.UTF_8), 2, false);
        cloudApp.publish("pi/down", "LED=1".getBytes(StandardCharsets.UTF_8), 2, false);

        assertThat(cloud.next("pi/up", "21").qos()).isEqualTo(2);
        assertThat(device.next("pi/down", "LED=1").qos()).isEqualTo(2);
    }

    @Test
    void anUpstreamWhoseCertificateIsNotTrustedIsNeverConnectedToAndTheFailureIsReported() throws Exception {
        Path other;
        try (Broker another = Broker.builder().port(0).tlsPort(0).start()) {
            other = another.certificate().writePem(dir.resolve("other-ca.pem"));
        }
        pair.startUpstream(b -> b.tlsPort(0));
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(other).topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);
        EventRecorder events = EventRecorder.on(pair.edge());

        BrokerEvent.BridgeDisconnected failed = events.await(BrokerEvent.BridgeDisconnected.class, e -> true);

        assertThat(failed.reason()).startsWith("cannot connect to localhost:" + pair.upstream().tlsPort() + ": ");
        assertThat(pair.upstream().connectedClients()).doesNotContain(BridgedPair.REMOTE_CLIENT_ID);
        assertThat(pair.edge().retainedMessages()).filteredOn(m -> m.topic().equals(BridgedPair.STATE_TOPIC))
                .extracting(m -> m.payloadAsString()).containsExactly("0");
    }

    @Test
    void aBrokerStartedFromAConfigurationFileBridgesAsMosquittoWould() throws Exception {
        pair.startUpstream(b -> b);
        Path config = Files.writeString(dir.resolve("edge.conf"), """
                connection cloud
                address 127.0.0.1:%d
                remote_clientid edge-bridge
                restart_timeout 1
                topic serial/read out 1 local/ emqx/
                topic serial/write in 1 local/ emqx/
                """.formatted(pair.upstream().port()));
        pair.startEdge(b -> b.configFile(config));
        pair.awaitConnected(true);
        MessageCollector cloud = new MessageCollector();
        pair.upstreamClients().connect("cloud-app", cloud).subscribe("emqx/#", 1);
        MessageCollector device = new MessageCollector();
        MqttClient pi = pair.edgeClients().connect("pi", device);
        pi.subscribe("local/serial/write", 1);

        pi.publish("local/serial/read", "T=21".getBytes(StandardCharsets.UTF_8), 1, false);
        cloud.next("emqx/serial/read", "T=21");
        pair.upstreamClients().connect("cloud-cmd", new MessageCollector())
                .publish("emqx/serial/write", "LED=1".getBytes(StandardCharsets.UTF_8), 1, false);

        device.next("local/serial/write", "LED=1");
    }
}
