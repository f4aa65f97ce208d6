package dev.midge.samples.interop;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Python clients next to these tests with Debian's {@code /usr/bin/python3} and its {@code paho.mqtt}
 * (package python3-paho-mqtt); another {@code python3} earlier on the PATH may lack the library.
 */
final class PythonPaho {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String PACKAGE = "python3-paho-mqtt";

    private PythonPaho() {
    }

    /**
     * @param script    a script in this package's resources, e.g. {@code pi_subscriber.py}
     * @param arguments its arguments
     * @throws AssertionError naming the Debian package when Python or paho-mqtt is missing
     */
    static ExternalProgram run(String script, String... arguments) throws IOException, InterruptedException {
        requirePahoMqtt();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", resource(script).toString()));
        command.addAll(List.of(arguments));
        return ExternalProgram.start(PACKAGE, command.toArray(String[]::new));
    }

    private static void requirePahoMqtt() throws IOException, InterruptedException {
        ExternalProgram.requireInstalled(PYTHON, "python3 " + PACKAGE);
        Process check = new ProcessBuilder(PYTHON, "-c", "import paho.mqtt.client").redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            String why = new String(check.getInputStream().readAllBytes()).strip();
            throw new AssertionError(PYTHON + " cannot import paho.mqtt (" + why + "). The interop tests need Debian's"
                    + " package " + PACKAGE + ": apt-get install " + PACKAGE + " (.ci/run installs it)");
        }
    }

    private static Path resource(String script) {
        try {
            return Path.of(PythonPaho.class.getResource("/interop/" + script).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("The test resource interop/" + script + " is missing", e);
        }
    }
}
