package dev.midge.broker.internal.auth;

import dev.midge.broker.AuthenticationExchange;
import dev.midge.broker.AuthenticationStep;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.ScramCredential;
import dev.midge.broker.testing.ScramClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server side of SCRAM-SHA-256 on its own, with the exchange RFC 7677 section 3 gives as its example.
 */
class ScramSha256Test {

    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final ScramCredential pencil = ScramCredential.fromPassword("pencil",
            Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
    private final ScramSha256 method = new ScramSha256(Map.of("user", pencil), () -> SERVER_NONCE);

    @Test
    void theServerAnswersTheExchangeOfRfc7677WordForWord() {
        AuthenticationExchange exchange = method.start(request(null));

        assertThat(text(challenge(exchange.next(bytes(CLIENT_FIRST))))).isEqualTo(SERVER_FIRST);
        AuthenticationStep last = exchange.next(bytes(CLIENT_FINAL));

        assertThat(last).isInstanceOfSatisfying(AuthenticationStep.Success.class, success -> {
            assertThat(success.username()).isEqualTo("user");
            assertThat(text(success.data())).isEqualTo(SERVER_FINAL);
        });
    }

    @Test
    void theTestClientWritesTheClientFinalMessageOfRfc7677() {
        ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");

        assertThat(text(client.clientFirst())).isEqualTo(CLIENT_FIRST);
        assertThat(text(client.clientFinal(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(client.serverIsAuthentic(bytes(SERVER_FINAL))).isTrue();
    }

    @Test
    void aWrongPasswordFailsAtTheProofAsBadUserNameOrPassword() {
        ScramClient client = new ScramClient("user", "pen", "rOprNGfwEbeRWgbNEkqO");
        AuthenticationExchange exchange = method.start(request(null));

        byte[] serverFirst = challenge(exchange.next(client.clientFirst()));
        AuthenticationStep last = exchange.next(client.clientFinal(serverFirst));

        assertThat(last).isInstanceOfSatisfying(AuthenticationStep.Failure.class,
                failure -> assertThat(failure.code()).isEqualTo(ConnectCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void anUnknownUserGetsTheSameSaltEachTimeAndFailsOnlyAtTheProof() {
        String first = text(challenge(method.start(request(null)).next(bytes("n,,n=mallory,r=abc"))));
        String second = text(challenge(method.start(request(null)).next(bytes("n,,n=mallory,r=abc"))));
        ScramClient client = new ScramClient("mallory", "guess", "abc");
        AuthenticationExchange exchange = method.start(request(null));
        byte[] serverFirst = challenge(exchange.next(client.clientFirst()));

        assertThat(first).isEqualTo(second).matches("r=abc.+,s=[A-Za-z0-9+/=]+,i=4096");
        assertThat(exchange.next(client.clientFinal(serverFirst))).isInstanceOfSatisfying(
                AuthenticationStep.Failure.class,
                failure -> assertThat(failure.code()).isEqualTo(ConnectCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void aClientThatWaitsForAnEmptyChallengeSendsItsFirstMessageNext() {
        AuthenticationExchange exchange = method.start(request(null));

        assertThat(challenge(exchange.next(new byte[0]))).isNull();
        assertThat(text(challenge(exchange.next(bytes(CLIENT_FIRST))))).isEqualTo(SERVER_FIRST);
        assertThat(exchange.next(bytes(CLIENT_FINAL))).isInstanceOf(AuthenticationStep.Success.class);
    }

    @Test
    void channelBindingAndAConnectUserNameThatIsNotTheScramOneAreRefusedAsNotAuthorized() {
        assertThat(method.start(request(null)).next(bytes("p=tls-exporter,,n=user,r=abc")))
                .isEqualTo(AuthenticationStep.failure(ConnectCode.NOT_AUTHORIZED,
                        "SCRAM-SHA-256: channel binding is not supported"));
        assertThat(method.start(request("admin")).next(bytes(CLIENT_FIRST)))
                .isEqualTo(AuthenticationStep.failure(ConnectCode.NOT_AUTHORIZED,
                        "SCRAM-SHA-256: the SCRAM user name is not the CONNECT's User Name"));
    }

    @Test
    void aTamperedNonceOrChannelBindingFailsAndTheExchangeCannotBeReplayed() {
        AuthenticationExchange exchange = method.start(request(null));
        exchange.next(bytes(CLIENT_FIRST));

        assertThat(exchange.next(bytes(CLIENT_FINAL.replace("c=biws", "c=eSws"))))
                .isInstanceOf(AuthenticationStep.Failure.class);
        assertThat(exchange.next(bytes(CLIENT_FINAL))).isInstanceOf(AuthenticationStep.Failure.class);
        AuthenticationExchange other = method.start(request(null));
        other.next(bytes(CLIENT_FIRST));
        assertThat(other.next(bytes(CLIENT_FINAL.replace("k0,p=", "k1,p="))))
                .isInstanceOf(AuthenticationStep.Failure.class);
    }

    @Test
    void aCredentialNeedsAPasswordAndAtLeast4096Iterations() {
        assertThatThrownBy(() -> ScramCredential.fromPassword("pencil", 4095))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
        assertThatThrownBy(() -> ScramCredential.fromPassword(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ScramCredential.fromPassword("pencil").salt()).hasSize(16)
                .isNotEqualTo(ScramCredential.fromPassword("pencil").salt());
    }

    private static ConnectRequest request(String username) {
        return new ConnectRequest("device", username, null, 5, "127.0.0.1:50000", null);
    }

    private static byte[] challenge(AuthenticationStep step) {
        assertThat(step).isInstanceOf(AuthenticationStep.Challenge.class);
        return ((AuthenticationStep.Challenge) step).data();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
