package dev.midge.broker.internal.config;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test data was written by Debian's mosquitto_passwd 2.0.11: alice's password "secret" with its default
 * PBKDF2-SHA512 ({@code $7$}), bob's "hunter2" with {@code -H sha512} ({@code $6$}, Mosquitto 1.x's hash).
 */
class PasswordFileTest {

    @TempDir
    Path dir;

    private final PasswordFile users = PasswordFile.read(mosquittoFile(), false);

    @Test
    void aPbkdf2HashWrittenByMosquittoPasswdAcceptsItsPassword() {
        assertThat(users.authenticate(request("alice", "secret"))).isEqualTo(ConnectCode.ACCEPTED);
    }

    @Test
    void aSha512HashWrittenByMosquitto1AcceptsItsPassword() {
        assertThat(users.authenticate(request("bob", "hunter2"))).isEqualTo(ConnectCode.ACCEPTED);
    }

    @ParameterizedTest(name = "user {0} with password {1} is refused")
    @CsvSource(nullValues = "null", textBlock = """
            alice,   hunter2
            bob,     secret
            alice,   Secret
            alice,   null
            mallory, secret
            """)
    void aWrongPasswordOrUnknownUserIsRefusedAsBadUserNameOrPassword(String user, String password) {
        assertThat(users.authenticate(request(user, password))).isEqualTo(ConnectCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aClientWithoutUserNameIsNotAuthorizedUnlessAnonymousClientsAreAllowed() {
        assertThat(users.authenticate(request(null, null))).isEqualTo(ConnectCode.NOT_AUTHORIZED);
        assertThat(PasswordFile.read(mosquittoFile(), true).authenticate(request(null, null)))
                .isEqualTo(ConnectCode.ACCEPTED);
    }

    @Test
    void aNewHashIsPbkdf2WithMosquittosIterationCountAndARandomSalt() throws IOException {
        String first = PasswordFile.hash("raspberry");
        String second = PasswordFile.hash("raspberry");

        assertThat(first).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(first).isNotEqualTo(second);
        Path file = Files.writeString(dir.resolve("passwd"), "pi:" + first + "\n");
        assertThat(PasswordFile.read(file, false).authenticate(request("pi", "raspberry")))
                .isEqualTo(ConnectCode.ACCEPTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alice:secret                  | the password is not hashed
            :$6$c2FsdA==$aGFzaA==         | expected user:hash
            alice:$7$many$c2FsdA==$aGFzaA== | the iteration count 'many' is not a positive number
            alice:$6$%%%$aGFzaA==         | the salt is not Base64
            alice:$6$c2FsdA==$aGFzaA==    | the hash is 4 bytes long, not the 64 of SHA-512
            """)
    void aLineThatIsNotAUserWithAHashIsReportedWithItsLineNumber(String line, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "# users\n\n" + line + "\n");

        assertThatThrownBy(() -> PasswordFile.read(file, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: " + problem);
    }

    private static ConnectRequest request(String user, String password) {
        return new ConnectRequest("client", user, password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                4, "127.0.0.1:50000", null);
    }

    private static Path mosquittoFile() {
        try {
            return Path.of(PasswordFileTest.class.getResource("mosquitto-2.0.11.passwd").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
