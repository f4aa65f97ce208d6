package dev.midge.broker.cli;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.ConnectRequest;
import dev.midge.broker.internal.config.PasswordFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PasswdTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    @Test
    void aNewFileGetsTheUserWithAPbkdf2HashOfThePasswordReadFromTheInput() throws IOException {
        Path file = dir.resolve("passwd");

        assertThat(run(List.of(file.toString(), "pi"), "raspberry\n")).isZero();

        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("pi:$7$101$");
        assertThat(accepts(file, "pi", "raspberry")).isTrue();
        assertThat(accepts(file, "pi", "raspberry\n")).isFalse();
    }

    @Test
    void aNewFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file permissions");
        Path file = dir.resolve("passwd");

        run(List.of(file.toString(), "pi"), "raspberry\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anExistingUserGetsItsNewPasswordAndTheOtherLinesAreKept() throws IOException {
        Path file = dir.resolve("passwd");
        run(List.of(file.toString(), "pi"), "old\n");
        run(List.of(file.toString(), "dashboard"), "s3cret\n");

        assertThat(run(List.of(file.toString(), "pi"), "new\n")).isZero();

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(accepts(file, "pi", "new")).isTrue();
        assertThat(accepts(file, "pi", "old")).isFalse();
        assertThat(accepts(file, "dashboard", "s3cret")).isTrue();
    }

    @Test
    void withoutAPasswordOnTheInputNothingIsWritten() {
        Path file = dir.resolve("passwd");

        assertThat(run(List.of(file.toString(), "pi"), "")).isEqualTo(1);

        assertThat(file).doesNotExist();
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("no password");
    }

    @Test
    void aWrongCommandLinePrintsTheUsage() {
        assertThat(run(List.of("passwd-only"), "x\n")).isEqualTo(2);
        assertThat(run(List.of(dir.resolve("p").toString(), "a:b"), "x\n")).isEqualTo(2);

        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Usage:", "must not be empty or contain ':'");
    }

    private int run(List<String> args, String input) {
        return Passwd.run(args, new BufferedReader(new StringReader(input)),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
    }

    private static boolean accepts(Path file, String user, String password) {
        ConnectRequest request = new ConnectRequest("c", user, password.getBytes(StandardCharsets.UTF_8), 4,
                "127.0.0.1:1", null);
        return PasswordFile.read(file, false).authenticate(request) == ConnectCode.ACCEPTED;
    }
}
