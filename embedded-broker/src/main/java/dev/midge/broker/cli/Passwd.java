package dev.midge.broker.cli;

import dev.midge.broker.internal.config.PasswordFile;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code passwd FILE USER}: adds a user to a password file, or changes its password, the way mosquitto_passwd does,
 * so that passwords can be managed without Mosquitto installed. The password is read from the first line of the
 * input, never from the command line, where other users of the machine could see it; a new file is readable by its
 * owner only, as the hashes are worth hiding too.
 */
final class Passwd {

    static final String USAGE = "Usage: java -jar midge-broker.jar passwd <file> <user>   (the password is read "
            + "from the input; the file is created if missing)\n";

    private Passwd() {
    }

    /**
     * @return the exit status: 0 when the file was written
     */
    static int run(List<String> args, BufferedReader in, PrintStream err) {
        if (args.size() != 2) {
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(0));
        String user = args.get(1);
        if (user.isEmpty() || user.contains(":")) {
            err.println("midge-broker: a user name must not be empty or contain ':'");
            return 2;
        }
        try {
            Console console = System.console();
            char[] typed = console == null ? null : console.readPassword("Password: ");
            String password = typed == null ? in.readLine() : new String(typed);
            if (password == null || password.isEmpty()) {
                err.println("midge-broker: no password was given on the input");
                return 1;
            }
            List<String> lines = new ArrayList<>(Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
            String entry = user + ":" + PasswordFile.hash(password);
            int existing = indexOfUser(lines, user);
            if (existing >= 0) {
                lines.set(existing, entry);
            } else {
                lines.add(entry);
            }
            if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException e) {
            err.println("midge-broker: cannot update " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private static int indexOfUser(List<String> lines, String user) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(user + ":")) {
                return i;
            }
        }
        return -1;
    }
}
