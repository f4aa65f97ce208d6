package dev.midge.broker.internal.transport;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.internal.ConnectAttempt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

import java.util.Objects;

/**
 * MQTT 5 enhanced authentication on one connection (section 4.12): the AUTH exchange of a CONNECT naming an
 * Authentication Method, and re-authentication once connected. It keeps the exchange's rules: every AUTH names the
 * CONNECT's method, an exchange ends within {@link #MAX_ROUNDS} client messages, and a re-authentication proves the
 * same user. It decides and sends nothing: each message of the client comes to a {@link Turn}, which the
 * {@link ConnectHandshake} acts on until CONNACK and the connection after it.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class EnhancedAuthentication {

    /** How many messages of the client (its CONNECT or first AUTH included) one exchange may take. */
    static final int MAX_ROUNDS = 10;

    /** Why an AUTH is a protocol error from a client whose CONNECT named no Authentication Method. */
    static final String NO_METHOD = "AUTH from a client that named no Authentication Method in CONNECT [MQTT-4.12.0-7]";

    private static final byte[] NO_DATA = new byte[0];

    /** What one message of the client comes to. */
    sealed interface Turn permits Reply, Proven, Failed, Broken {
    }

    /**
     * The AUTH that answers the client: a challenge, or the success of a re-authentication.
     *
     * @param code   its reason code
     * @param method the Authentication Method, which it always names [MQTT-4.12.0-5]
     * @param data   its Authentication Data, or null
     */
    record Reply(ReasonCode code, String method, byte[] data) implements Turn {

        /** @return the AUTH's bytes, which the caller owns */
        ByteBuf packet(ByteBufAllocator allocator) {
            return ControlPacketEncoding.auth(allocator, code, method, data);
        }
    }

    /**
     * The CONNECT's exchange has succeeded; a re-authentication's success is a {@link Reply}.
     *
     * @param username the user the exchange proved the client to be
     * @param data     the Authentication Data the CONNACK carries, or null
     */
    record Proven(String username, byte[] data) implements Turn {
    }

    /**
     * The exchange failed: the CONNECT is refused with the code, a re-authentication ends the connection with 0x87
     * [MQTT-4.12.1-2].
     */
    record Failed(ConnectCode code, String why) implements Turn {
    }

    /** The client broke a rule of the exchange: a protocol error. */
    record Broken(String why) implements Turn {
    }

    private final AuthenticationMethod method;
    private final ConnectRequest request;
    /** Whether the CONNECT's exchange has succeeded, which makes every later exchange a re-authentication. */
    private boolean proven;
    private String username;
    private AuthenticationExchange exchange;
    private int rounds;

    private EnhancedAuthentication(AuthenticationMethod method, ConnectAttempt attempt) {
        this.method = method;
        this.request = new ConnectRequest(attempt.clientId(), attempt.username(), attempt.password(),
                attempt.protocolVersion().level(), attempt.remoteAddress(), attempt.certificate());
    }

    /** @return the authentication of a CONNECT that names a method of the listener, or null for another method */
    static EnhancedAuthentication of(Listener listener, ConnectAttempt attempt) {
        AuthenticationMethod method = listener.authenticationMethods().get(attempt.authenticationMethod());
        return method == null ? null : new EnhancedAuthentication(method, attempt);
    }

    /** @return why a CONNECT naming a method the listener does not have is refused */
    static String unsupported(Listener listener, String method) {
        return "authentication method " + method + " is not supported" + (listener.authenticationMethods().isEmpty()
                ? ": use user name and password"
                : "; supported: " + String.join(", ", listener.authenticationMethods().keySet()));
    }

    /** @return the name of the CONNECT's Authentication Method */
    String method() {
        return method.name();
    }

    /** The CONNECT's exchange starts with its Authentication Data. */
    Turn start(byte[] connectData) {
        exchange = method.start(request);
        return step(connectData);
    }

    /** An AUTH from the client: the next answer in an exchange, or the start of a re-authentication. */
    Turn auth(MqttMessage packet) {
        if (!(packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header)) {
            return new Broken(NO_METHOD);
        }
        int code = header.reasonCode() & 0xFF;
        if (!method.name().equals(WireProperties.stringValue(header.properties(), MqttProperties.AUTHENTICATION_METHOD))) {
            return new Broken("an AUTH whose Authentication Method is not the CONNECT's ["
                    + (code == ReasonCode.REAUTHENTICATE.value() ? "MQTT-4.12.1-1" : "MQTT-4.12.0-5") + "]");
        }
        if (code == ReasonCode.REAUTHENTICATE.value() && exchange == null) {
            exchange = method.start(request);
            rounds = 0;
        } else if (code != ReasonCode.CONTINUE_AUTHENTICATION.value() || exchange == null) {
            return new Broken(String.format("an AUTH with reason code 0x%02X %s", code, exchange == null
                    ? "outside an exchange" : "during an exchange, which the client continues with 0x18"));
        }
        MqttProperties.MqttProperty<?> data = header.properties().getProperty(MqttProperties.AUTHENTICATION_DATA);
        return step(data == null ? NO_DATA : (byte[]) data.value());
    }

    private Turn step(byte[] clientData) {
        rounds++;
        AuthenticationStep step = Objects.requireNonNull(exchange.next(clientData),
                () -> "the " + method.name() + " exchange answered null");
        if (step instanceof AuthenticationStep.Challenge challenge) {
            if (rounds >= MAX_ROUNDS) {
                return fail(ConnectCode.NOT_AUTHORIZED, method.name() + " did not end within " + MAX_ROUNDS
                        + " messages");
            }
            return new Reply(ReasonCode.CONTINUE_AUTHENTICATION, method.name(), challenge.data());
        }
        if (step instanceof AuthenticationStep.Success success) {
            return succeed(success);
        }
        AuthenticationStep.Failure failure = (AuthenticationStep.Failure) step;
        return fail(failure.code(), failure.reason());
    }

    private Turn succeed(AuthenticationStep.Success success) {
        exchange = null;
        String user = success.username() == null ? request.username() : success.username();
        if (!proven) {
            proven = true;
            username = user;
            return new Proven(user, success.data());
        }
        if (!Objects.equals(user, username)) {
            return new Failed(ConnectCode.NOT_AUTHORIZED, "re-authentication as another user: " + user);
        }
        return new Reply(ReasonCode.SUCCESS, method.name(), success.data());
    }

    private Turn fail(ConnectCode code, String why) {
        exchange = null;
        return new Failed(code, why);
    }
}
