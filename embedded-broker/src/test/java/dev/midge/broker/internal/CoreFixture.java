package dev.midge.broker.internal;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.Transport;
import dev.midge.broker.QoS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker core with no network: its owner on a {@link ManualBrokerThread}, a manual clock, and clients that are
 * {@link RecordingLink}s, driven as the transport drives it.
 */
final class CoreFixture {

    final ManualBrokerThread thread = new ManualBrokerThread();
    final List<BrokerEvent> events = new ArrayList<>();
    final BrokerRuntime runtime;
    final BrokerCore core;

    CoreFixture() {
        this(1000);
    }

    /**
     * @param maxQueuedMessages how many messages a session's queue holds
     */
    CoreFixture(int maxQueuedMessages) {
        BrokerConfig config = new BrokerConfig("127.0.0.1", 0, -1, -1, -1, null, null, 1024 * 1024,
                Integer.MAX_VALUE, maxQueuedMessages, 64L * 1024 * 1024, 256L * 1024 * 1024, 20, 10_000, 30_000, 0,
                0, true, Authenticator.allowAll(), Authorizer.allowAll(), Map.of(), null);
        EventSink sink = new EventSink();
        sink.subscribe(events::add);
        runtime = new BrokerRuntime(config, sink, thread.time.clock(), thread);
        runtime.start();
        core = runtime.core();
    }

    /** A client connected to the core: its session and the link that records what it is sent. */
    record Client(Session session, RecordingLink link) {
    }

    /** Connects an MQTT 5 client with a clean start and a session that ends with its connection. */
    Client connect(String clientId) {
        return connect(attempt(clientId, true, 0, null, 0));
    }

    /** Connects a client, as the transport does once CONNACK would be sent, and checks it was accepted. */
    Client connect(ConnectAttempt attempt) {
        return connect(attempt, new RecordingLink(attempt.protocolVersion()));
    }

    /** Connects a client over a given link, set up as the client asks in its CONNECT. */
    Client connect(ConnectAttempt attempt, RecordingLink link) {
        ConnectOutcome outcome = core.connect(attempt, link);
        assertThat(outcome.code()).isEqualTo(ConnectCode.ACCEPTED);
        core.connected(outcome.session());
        return new Client(outcome.session(), link);
    }

    static ConnectAttempt attempt(String clientId, boolean cleanStart, long sessionExpirySeconds, Message will,
                                  long willDelaySeconds) {
        return new ConnectAttempt(clientId, ProtocolVersion.MQTT_5, cleanStart, sessionExpirySeconds, 60, null, null, will,
                willDelaySeconds, "127.0.0.1:50000", Transport.TCP, null, null);
    }

    /** Subscribes to one filter, answered as the transport answers with SUBACK. */
    List<SubscribeOutcome> subscribe(Client client, String filter, QoS qos) {
        return subscribe(client, List.of(SubscribeRequest.of(filter, qos)));
    }

    /** Subscribes, answered as the transport answers with SUBACK. */
    List<SubscribeOutcome> subscribe(Client client, List<SubscribeRequest> requests) {
        List<SubscribeOutcome> answered = new ArrayList<>();
        core.subscribe(client.session(), requests, outcomes -> {
            answered.addAll(outcomes);
            return true;
        });
        return answered;
    }

    /** The connection ended as the transport reports it. */
    void disconnect(Client client, DisconnectReason reason, boolean publishWill) {
        core.disconnected(client.session(), client.link(), reason, "", publishWill, null);
    }

    static Message message(String topic, String payload, QoS qos) {
        return Message.of(topic, payload).withQos(qos);
    }

    /** @return the events of one type, in order */
    <E extends BrokerEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
