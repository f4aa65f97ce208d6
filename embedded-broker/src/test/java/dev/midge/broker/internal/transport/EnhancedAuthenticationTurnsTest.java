package dev.midge.broker.internal.transport;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.Transport;
import dev.midge.broker.internal.ConnectAttempt;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of an enhanced authentication, one client message at a time, without a connection: what the broker
 * answers, and when the exchange has proved the client, failed, or been broken by it.
 */
class EnhancedAuthenticationTurnsTest {

    private static final String METHOD = "TOKEN";

    /**
     * Challenges the client's first message with a nonce, then takes "nonce:user" as proving the user named and
     * anything else as a wrong token.
     */
    private static final AuthenticationMethod CHALLENGING = method(() -> {
        boolean[] challenged = {false};
        return clientData -> {
            if (!challenged[0]) {
                challenged[0] = true;
                return new AuthenticationStep.Challenge(bytes("nonce"));
            }
            String answer = new String(clientData, StandardCharsets.UTF_8);
            return answer.startsWith("nonce:")
                    ? new AuthenticationStep.Success(answer.substring("nonce:".length()), bytes("welcome"))
                    : new AuthenticationStep.Failure(ConnectCode.BAD_USER_NAME_OR_PASSWORD, "wrong token");
        };
    });

    private static final AuthenticationMethod ENDLESS = method(() -> clientData ->
            new AuthenticationStep.Challenge(bytes("more")));

    @Test
    void aChallengeIsAnsweredWithAnAuthToContinueNamingTheMethod() {
        // MQTT-4.12.0-2
        EnhancedAuthentication authentication = authentication(CHALLENGING);

        EnhancedAuthentication.Reply reply = reply(authentication.start(bytes("hello")));

        assertThat(reply.code()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(reply.method()).isEqualTo(METHOD);
        assertThat(reply.data()).isEqualTo(bytes("nonce"));
    }

    @Test
    void theConnectsExchangeEndsProvenAsTheUserTheMethodNamesWithItsLastData() {
        EnhancedAuthentication authentication = authentication(CHALLENGING);
        authentication.start(bytes("hello"));

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION, "nonce:pi"));

        assertThat(turn).isInstanceOf(EnhancedAuthentication.Proven.class);
        assertThat(((EnhancedAuthentication.Proven) turn).username()).isEqualTo("pi");
        assertThat(((EnhancedAuthentication.Proven) turn).data()).isEqualTo(bytes("welcome"));
    }

    @Test
    void aFailureOfTheMethodFailsTheExchangeWithTheMethodsCode() {
        EnhancedAuthentication authentication = authentication(CHALLENGING);
        authentication.start(bytes("hello"));

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION, "guess"));

        assertThat(turn).isEqualTo(new EnhancedAuthentication.Failed(ConnectCode.BAD_USER_NAME_OR_PASSWORD,
                "wrong token"));
    }

    @Test
    void anAuthNamingAnotherMethodIsAProtocolError() {
        // MQTT-4.12.0-5
        EnhancedAuthentication authentication = authentication(CHALLENGING);
        authentication.start(bytes("hello"));

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION,
                "SCRAM-SHA-256", bytes("nonce:pi")));

        assertThat(whyBroken(turn)).contains("MQTT-4.12.0-5");
    }

    @Test
    void aClientThatStartsOverDuringAnExchangeBreaksIt() {
        // MQTT-4.12.0-3: the client continues an exchange with 0x18
        EnhancedAuthentication authentication = authentication(CHALLENGING);
        authentication.start(bytes("hello"));

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.REAUTHENTICATE, "hello"));

        assertThat(whyBroken(turn)).contains("0x19 during an exchange");
    }

    @Test
    void reauthenticationAsTheSameUserEndsWithAnAuthSuccess() {
        // MQTT-4.12.1-1
        EnhancedAuthentication authentication = connected("pi");

        authentication.auth(auth(ReasonCode.REAUTHENTICATE, "hello"));
        EnhancedAuthentication.Reply reply = reply(authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION,
                "nonce:pi")));

        assertThat(reply.code()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(reply.method()).isEqualTo(METHOD);
        assertThat(reply.data()).isEqualTo(bytes("welcome"));
    }

    @Test
    void reauthenticationAsAnotherUserFailsAsNotAuthorized() {
        EnhancedAuthentication authentication = connected("pi");

        authentication.auth(auth(ReasonCode.REAUTHENTICATE, "hello"));
        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION,
                "nonce:dashboard"));

        assertThat(turn).isEqualTo(new EnhancedAuthentication.Failed(ConnectCode.NOT_AUTHORIZED,
                "re-authentication as another user: dashboard"));
    }

    @Test
    void reauthenticationNamingAnotherMethodIsAProtocolError() {
        // MQTT-4.12.1-1
        EnhancedAuthentication authentication = connected("pi");

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.REAUTHENTICATE,
                "SCRAM-SHA-256", bytes("hello")));

        assertThat(whyBroken(turn)).contains("MQTT-4.12.1-1");
    }

    @Test
    void aContinuationOutsideAnExchangeIsAProtocolError() {
        EnhancedAuthentication authentication = connected("pi");

        EnhancedAuthentication.Turn turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION, "nonce:pi"));

        assertThat(whyBroken(turn)).contains("outside an exchange");
    }

    @Test
    void anExchangeThatKeepsChallengingFailsAtTheTenthClientMessage() {
        EnhancedAuthentication authentication = authentication(ENDLESS);
        EnhancedAuthentication.Turn turn = authentication.start(bytes("hello"));
        int messages = 1;
        while (turn instanceof EnhancedAuthentication.Reply && messages < 2 * EnhancedAuthentication.MAX_ROUNDS) {
            turn = authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION, "again"));
            messages++;
        }

        assertThat(messages).isEqualTo(EnhancedAuthentication.MAX_ROUNDS);
        assertThat(turn).isInstanceOf(EnhancedAuthentication.Failed.class);
        assertThat(((EnhancedAuthentication.Failed) turn).code()).isEqualTo(ConnectCode.NOT_AUTHORIZED);
    }

    @Test
    void aConnectNamingAMethodTheListenerLacksGetsNoExchange() {
        Listener listener = listener(CHALLENGING);

        assertThat(EnhancedAuthentication.of(listener, attempt("SCRAM-SHA-256"))).isNull();
        assertThat(EnhancedAuthentication.unsupported(listener, "SCRAM-SHA-256"))
                .isEqualTo("authentication method SCRAM-SHA-256 is not supported; supported: TOKEN");
    }

    private static AuthenticationMethod method(Supplier<AuthenticationExchange> exchanges) {
        return new AuthenticationMethod() {
            @Override
            public String name() {
                return METHOD;
            }

            @Override
            public AuthenticationExchange start(ConnectRequest request) {
                return exchanges.get();
            }
        };
    }

    /** @return an authentication whose CONNECT's exchange has proved the user given */
    private static EnhancedAuthentication connected(String user) {
        EnhancedAuthentication authentication = authentication(CHALLENGING);
        authentication.start(bytes("hello"));
        assertThat(authentication.auth(auth(ReasonCode.CONTINUE_AUTHENTICATION, "nonce:" + user)))
                .isInstanceOf(EnhancedAuthentication.Proven.class);
        return authentication;
    }

    private static EnhancedAuthentication authentication(AuthenticationMethod method) {
        return EnhancedAuthentication.of(listener(method), attempt(METHOD));
    }

    private static Listener listener(AuthenticationMethod method) {
        return new Listener(Transport.TCP, 1024, 10_000, 0, 65535, 10_000, Map.of(method.name(), method), null,
                false, null);
    }

    private static ConnectAttempt attempt(String method) {
        return new ConnectAttempt("client", ProtocolVersion.MQTT_5, true, 0, 60, null, null, null, 0,
                "127.0.0.1:50000", Transport.TCP, null, method);
    }

    private static MqttMessage auth(ReasonCode code, String data) {
        return auth(code, METHOD, bytes(data));
    }

    private static String whyBroken(EnhancedAuthentication.Turn turn) {
        assertThat(turn).isInstanceOf(EnhancedAuthentication.Broken.class);
        return ((EnhancedAuthentication.Broken) turn).why();
    }

    private static EnhancedAuthentication.Reply reply(EnhancedAuthentication.Turn turn) {
        assertThat(turn).isInstanceOf(EnhancedAuthentication.Reply.class);
        return (EnhancedAuthentication.Reply) turn;
    }

    /** An AUTH from the client, as the broker reads it. */
    private static MqttMessage auth(ReasonCode code, String method, byte[] data) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, method));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
        return MqttMessageBuilders.auth().reasonCode((byte) code.value()).properties(properties).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
