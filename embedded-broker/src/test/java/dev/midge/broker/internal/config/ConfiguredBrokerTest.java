package dev.midge.broker.internal.config;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.Broker;
import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MessageCollector;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.PahoClients;
import dev.midge.broker.testing.RawMqtt5Client;
import dev.midge.broker.testing.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker configured by a file with a password file written by Debian's mosquitto_passwd and an ACL file, driven by
 * Paho and raw MQTT clients over real sockets.
 */
class ConfiguredBrokerTest {

    private static final String ACL = """
            # anonymous clients
            topic read public/#

            user alice
            topic readwrite raspberry/#
            topic deny raspberry/secret
            pattern readwrite clients/%c/#

            user bob
            topic readwrite raspberry/#
            """;

    @TempDir
    Path dir;

    private Broker broker;
    private PahoClients clients;

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withAnonymousClientsRefusedOnlyTheUsersOfThePasswordFileConnect() throws IOException {
        start("allow_anonymous false");

        assertThat(connectCode(null, null)).as("not authorised").isEqualTo(5);
        assertThat(connectCode("alice", "hunter2")).as("bad user name or password").isEqualTo(4);
        assertThat(connectCode("mallory", "secret")).isEqualTo(4);
        assertThat(connectCode("bob", "hunter2")).isZero();
        assertThat(connectCode("alice", "secret")).isZero();
    }

    @Test
    void withAnonymousClientsAllowedTheyConnectAndGetTheTopicsBeforeAnyUserLine() throws IOException {
        start("allow_anonymous true");
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311("guest"))) {
            client.send(MqttPackets.subscribe(1, new String[] {"public/news", "raspberry/#"}, new int[] {1, 1}));

            assertThat(client.expect(Packet.SUBACK).subackCodes()).containsExactly(1, 0x80);
        }
        assertThat(connectCode("alice", "wrong")).as("a wrong password is refused all the same").isEqualTo(4);
    }

    @Test
    void anMqtt311SubscriptionTheAclDeniesGetsFailure0x80InSuback() throws IOException {
        start("allow_anonymous false");
        try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("alice-pi").credentials("alice", "secret"))) {
            client.send(MqttPackets.subscribe(1, new String[] {"raspberry/#", "raspberry/secret", "clients/alice-pi/#",
                "clients/other/#", "public/#"}, new int[] {1, 2, 0, 1, 1}));

            assertThat(client.expect(Packet.SUBACK).subackCodes()).containsExactly(1, 0x80, 0, 0x80, 0x80);
        }
    }

    @Test
    void anMqtt5SubscriptionNoRuleGrantsGetsNotAuthorized0x87AndOneARuleDeniesGetsUnspecifiedError0x80()
            throws IOException {
        start("allow_anonymous false");
        try (RawMqtt5Client client = RawMqtt5Client.connect(broker.port(), RawMqtt5Client.connectPacket("alice-pi")
                .username("alice").password("secret".getBytes(StandardCharsets.UTF_8)))) {
            client.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "raspberry/#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "raspberry/secret")
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "clients/alice-pi/status")
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "clients/+/status")
                    .build());

            MqttSubAckMessage suback = (MqttSubAckMessage) client.expect(MqttMessageType.SUBACK);
            assertThat(suback.payload().reasonCodes()).containsExactly(1, 0x80, 0, 0x87);
        }
    }

    @Test
    void aWideSubscriptionReceivesNoMessageOnATopicTheSubscriberMayNotRead() throws Exception {
        start("allow_anonymous false");
        MqttClient bob = clients.connect("bob-pi", new MessageCollector(), credentials("bob", "hunter2"));
        bob.publish("raspberry/secret", "old plans".getBytes(StandardCharsets.UTF_8), 1, true);
        bob.publish("raspberry/topic", "20.0".getBytes(StandardCharsets.UTF_8), 1, true);
        MessageCollector received = new MessageCollector();
        clients.connect("alice-dashboard", received, credentials("alice", "secret")).subscribe("raspberry/#", 1);

        assertThat(received.next().payload()).as("of the retained messages only the readable one")
                .isEqualTo("20.0");
        bob.publish("raspberry/secret", "plans".getBytes(StandardCharsets.UTF_8), 1, false);
        bob.publish("raspberry/topic", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(received.next().payload()).as("messages from one publisher arrive in order, so the one on "
                + "the denied topic was passed by").isEqualTo("21.5");
        assertThat(broker.retainedMessages()).extracting(m -> m.topic())
                .containsExactlyInAnyOrder("raspberry/secret", "raspberry/topic");
    }

    @Test
    void aPublishTheAclDeniesIsNotRouted() throws Exception {
        start("allow_anonymous false");
        MessageCollector received = new MessageCollector();
        clients.connect("alice-dashboard", received, credentials("alice", "secret")).subscribe("raspberry/#", 1);
        MqttClient publisher = clients.connect("alice-pi", new MessageCollector(), credentials("alice", "secret"));

        publisher.publish("raspberry/secret", "plans".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("public/news", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("clients/alice-pi/status", "on".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("raspberry/topic", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(received.next().topic()).as("messages from one publisher arrive in order, so the denied ones "
                + "were dropped").isEqualTo("raspberry/topic");
        assertThat(broker.retainedMessages()).isEmpty();
    }

    @Test
    void theSameFilesServeABrokerBuiltInCode() throws Exception {
        Files.copy(ConfiguredBrokerTest.class.getResourceAsStream("mosquitto-2.0.11.passwd"), dir.resolve("passwd"));
        Files.writeString(dir.resolve("acl"), ACL);
        broker = Broker.builder().port(0)
                .authenticator(Authenticator.passwordFile(dir.resolve("passwd"), false))
                .authorizer(Authorizer.aclFile(dir.resolve("acl")))
                .start();
        clients = new PahoClients(broker.uri());

        assertThat(connectCode(null, null)).isEqualTo(5);
        assertThat(connectCode("alice", "hunter2")).isEqualTo(4);
        try (RawMqttClient client = RawMqttClient.connect(broker.port(),
                ConnectPacket.mqtt311("alice-pi").credentials("alice", "secret"))) {
            client.send(MqttPackets.subscribe(1, new String[] {"raspberry/#", "raspberry/secret"}, new int[] {1, 1}));

            assertThat(client.expect(Packet.SUBACK).subackCodes()).containsExactly(1, 0x80);
        }
    }

    @Test
    void aBuilderTakesTheWholeConfigurationFileButKeepsItsOwnListeners() throws IOException {
        Files.writeString(dir.resolve("paho.acl"), "topic readwrite #\ntopic deny test/nosubscribe\n");
        Path config = Files.writeString(dir.resolve("midge.conf"), "listener 1883\nmax_keepalive 60\n"
                + "acl_file paho.acl\n");
        broker = Broker.builder().port(0).configFile(config).start();

        assertThat(broker.port()).isNotEqualTo(1883);
        try (RawMqtt5Client client = RawMqtt5Client.open(broker.port())) {
            MqttConnAckMessage connack = client.connack(RawMqtt5Client.connectPacket("paho").keepAlive(120));
            assertThat(connack.variableHeader().properties().getProperty(MqttProperties.SERVER_KEEP_ALIVE).value())
                    .isEqualTo(60);

            client.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.EXACTLY_ONCE, "test/nosubscribe")
                    .addSubscription(MqttQoS.EXACTLY_ONCE, "test/other")
                    .build());
            MqttSubAckMessage suback = (MqttSubAckMessage) client.expect(MqttMessageType.SUBACK);
            assertThat(suback.payload().reasonCodes()).containsExactly(0x80, 2);
        }
    }

    @Test
    void aWrongConfigurationFileStopsTheBuilderNamingFileAndLine() throws IOException {
        Path config = Files.writeString(dir.resolve("midge.conf"), "max_keepalive 60\nmax_keepalive_seconds 60\n");

        assertThatThrownBy(() -> Broker.builder().port(0).configFile(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(config + ":2: unknown keyword 'max_keepalive_seconds'");
    }

    private void start(String allowAnonymous) throws IOException {
        Files.copy(ConfiguredBrokerTest.class.getResourceAsStream("mosquitto-2.0.11.passwd"), dir.resolve("passwd"));
        Files.writeString(dir.resolve("acl"), ACL);
        Path config = Files.writeString(dir.resolve("midge.conf"), "listener 0\n" + allowAnonymous
                + "\npassword_file passwd\nacl_file acl\n");
        ConfigFile file = ConfigFile.read(config);
        var builder = Broker.builder().port(0);
        file.applyTo(builder);
        broker = builder.start();
        clients = new PahoClients(broker.uri());
    }

    private int connectCode(String user, String password) {
        MqttClient client = clients.create("client-" + user);
        try {
            client.connect(credentials(user, password));
            client.disconnect();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static MqttConnectOptions credentials(String user, String password) {
        MqttConnectOptions options = PahoClients.options();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        return options;
    }
}
