package dev.midge.broker.internal.transport;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.internal.ConnectAttempt;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import dev.midge.broker.internal.Scheduler;

import java.util.Objects;

/**
 * MQTT 5 enhanced authentication on one connection (section 4.12): the AUTH exchange that holds back the CONNACK of
 * a CONNECT naming an Authentication Method, and re-authentication once connected. It keeps the exchange's rules:
 * every AUTH names the CONNECT's method, a client that named none sends no AUTH, nothing but AUTH and DISCONNECT
 * comes before CONNACK, and an exchange ends within {@link #MAX_ROUNDS} client messages and, at connect, within the
 * connect timeout counted from the connection's start.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class EnhancedAuthentication {

    /** How many messages of the client (its CONNECT or first AUTH included) one exchange may take. */
    static final int MAX_ROUNDS = 10;

    /** Why an AUTH is a protocol error from a client whose CONNECT named no Authentication Method. */
    static final String NO_METHOD = "AUTH from a client that named no Authentication Method in CONNECT [MQTT-4.12.0-7]";

    private static final byte[] NO_DATA = new byte[0];

    private final MqttConnection connection;
    private final Listener listener;
    private final Channel channel;
    private final long startMillis;

    private AuthenticationMethod method;
    private ConnectRequest request;
    private String username;
    private AuthenticationExchange exchange;
    private int rounds;
    private ConnectReading.Read pending;
    private Scheduler.Cancellable deadline;
    private byte[] connackData;

    /**
     * @param startMillis when the connection started, on the listener's timers
     */
    EnhancedAuthentication(MqttConnection connection, Listener listener, Channel channel, long startMillis) {
        this.connection = connection;
        this.listener = listener;
        this.channel = channel;
        this.startMillis = startMillis;
    }

    /** @return whether a CONNECT awaits the end of its exchange */
    boolean awaitsConnack() {
        return pending != null;
    }

    /** A CONNECT that names an Authentication Method: the exchange starts with its Authentication Data. */
    void connect(ConnectReading.Read read) {
        ConnectAttempt attempt = read.attempt();
        method = listener.authenticationMethods().get(attempt.authenticationMethod());
        if (method == null) {
            connection.refuseConnect(attempt, ConnectCode.BAD_AUTHENTICATION_METHOD, "authentication method "
                    + attempt.authenticationMethod() + " is not supported" + (listener.authenticationMethods()
                    .isEmpty() ? ": use user name and password" : "; supported: "
                    + String.join(", ", listener.authenticationMethods().keySet())));
            return;
        }
        pending = read;
        request = new ConnectRequest(attempt.clientId(), attempt.username(), attempt.password(),
                attempt.protocolVersion().level(), attempt.remoteAddress(), attempt.certificate());
        // Counted from the connection's start, so the deadline comes before the read timeout, which restarts with
        // every packet, and the client learns why in a CONNACK instead of seeing the connection just end.
        long left = listener.connectTimeoutMillis() - (listener.timers().millis() - startMillis);
        deadline = listener.timers().schedule(channel, Math.max(0, left), this::timedOut);
        channel.closeFuture().addListener(closed -> deadline.cancel());
        exchange = method.start(request);
        step(read.authenticationData());
    }

    /** A packet from a client whose CONNECT awaits the end of its exchange. */
    void beforeConnack(MqttMessage packet) {
        MqttMessageType type = packet.fixedHeader().messageType();
        if (type == MqttMessageType.AUTH) {
            auth(packet);
        } else if (type == MqttMessageType.DISCONNECT) {
            connection.clientDisconnected(ReasonCode.SUCCESS.value(), null);
        } else {
            protocolError(type + " before CONNACK from a client that named an Authentication Method"
                    + " [MQTT-3.1.2-30]");
        }
    }

    /** An AUTH after CONNACK: a re-authentication, or the client's next answer in one. */
    void afterConnack(MqttMessage packet) {
        auth(packet);
    }

    /**
     * @param properties the properties of a CONNACK accepting the client
     * @return them, with the Authentication Method and the exchange's last data when the client named a method
     *         [MQTT-4.12.0-5]
     */
    MqttProperties connack(MqttProperties properties) {
        if (method != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method.name()));
            if (connackData != null) {
                properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, connackData));
                connackData = null;
            }
        }
        return properties;
    }

    private void auth(MqttMessage packet) {
        if (method == null || !(packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header)) {
            protocolError(NO_METHOD);
            return;
        }
        int code = header.reasonCode() & 0xFF;
        if (!method.name().equals(WireProperties.stringValue(header.properties(), MqttProperties.AUTHENTICATION_METHOD))) {
            protocolError("an AUTH whose Authentication Method is not the CONNECT's ["
                    + (code == ReasonCode.REAUTHENTICATE.value() ? "MQTT-4.12.1-1" : "MQTT-4.12.0-5") + "]");
            return;
        }
        if (code == ReasonCode.REAUTHENTICATE.value() && exchange == null) {
            exchange = method.start(request);
            rounds = 0;
        } else if (code != ReasonCode.CONTINUE_AUTHENTICATION.value() || exchange == null) {
            protocolError(String.format("an AUTH with reason code 0x%02X %s", code, exchange == null
                    ? "outside an exchange" : "during an exchange, which the client continues with 0x18"));
            return;
        }
        MqttProperties.MqttProperty<?> data = header.properties().getProperty(MqttProperties.AUTHENTICATION_DATA);
        step(data == null ? NO_DATA : (byte[]) data.value());
    }

    private void step(byte[] clientData) {
        rounds++;
        AuthenticationStep step = Objects.requireNonNull(exchange.next(clientData),
                () -> "the " + method.name() + " exchange answered null");
        if (step instanceof AuthenticationStep.Challenge challenge) {
            if (rounds >= MAX_ROUNDS) {
                fail(ConnectCode.NOT_AUTHORIZED, method.name() + " did not end within " + MAX_ROUNDS + " messages");
            } else {
                connection.send(Packets.auth(ReasonCode.CONTINUE_AUTHENTICATION, method.name(), challenge.data()));
            }
        } else if (step instanceof AuthenticationStep.Success success) {
            succeed(success);
        } else if (step instanceof AuthenticationStep.Failure failure) {
            fail(failure.code(), failure.reason());
        }
    }

    private void succeed(AuthenticationStep.Success success) {
        exchange = null;
        String user = success.username() == null ? request.username() : success.username();
        if (pending != null) {
            ConnectReading.Read read = pending;
            pending = null;
            deadline.cancel();
            username = user;
            connackData = success.data();
            connection.accept(read.withUsername(user));
        } else if (!Objects.equals(user, username)) {
            connection.close(DisconnectReason.NOT_AUTHORIZED, "re-authentication as another user: " + user);
        } else {
            connection.send(Packets.auth(ReasonCode.SUCCESS, method.name(), success.data()));
        }
    }

    /** A failed exchange: CONNACK with the failure's code at connect, DISCONNECT 0x87 later [MQTT-4.12.1-2]. */
    private void fail(ConnectCode code, String why) {
        exchange = null;
        if (pending != null) {
            ConnectAttempt attempt = pending.attempt();
            pending = null;
            deadline.cancel();
            connection.refuseConnect(attempt, code, why);
        } else {
            connection.close(DisconnectReason.NOT_AUTHORIZED, why);
        }
    }

    private void protocolError(String why) {
        if (pending != null) {
            fail(ConnectCode.PROTOCOL_ERROR, why);
        } else {
            connection.protocolError(why);
        }
    }

    /**
     * The connect timeout has passed with the exchange unfinished: the client learns why in a CONNACK. Called by the
     * exchange's own deadline, or by the read timeout when it comes first.
     */
    void timedOut() {
        if (pending != null) {
            fail(ConnectCode.NOT_AUTHORIZED, method.name() + " did not end within the connect timeout of "
                    + listener.connectTimeoutMillis() + " ms");
        }
    }
}
