package dev.midge.junit.internal;

import dev.midge.junit.assertions.BrokerAssert;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings that apply to every Midge test of a run, read from JUnit configuration parameters: launcher
 * parameters first, then system properties ({@code -D}), then {@code junit-platform.properties}. They are read once
 * per run and kept in the root context's store, so a wrong value fails the first test class that starts a broker,
 * and two runs in one JVM (an IDE, a test of the extension) each see their own values.
 *
 * @param externalUrl      the external broker every test uses instead of an embedded one, or null
 * @param externalCaFile   the PEM certificates an external broker's TLS is checked against instead of the JVM's
 *                         trust store, or empty
 * @param assertionTimeout how long {@code assertThat(broker)} waits unless {@code within(...)} says otherwise
 * @param reportsDirectory where the reports of failed tests go, or empty when they are turned off
 */
public record MidgeConfiguration(String externalUrl, Optional<Path> externalCaFile, Duration assertionTimeout,
                                 Optional<Path> reportsDirectory) {

    /** The configuration parameter that points every Midge test at an external broker. */
    public static final String EXTERNAL_URL = "midge.external.url";

    /** The configuration parameter naming the CA certificates (PEM) an external broker's TLS is checked against. */
    public static final String EXTERNAL_CA_FILE = "midge.external.cafile";

    /** The configuration parameter for how long assertions wait by default. */
    public static final String ASSERTION_TIMEOUT = "midge.assertions.timeout";

    /** The configuration parameter naming the reports directory; {@code none} or empty turns reports off. */
    public static final String REPORTS_DIRECTORY = "midge.reports.dir";

    /** How long assertions wait unless configured otherwise. */
    public static final Duration DEFAULT_ASSERTION_TIMEOUT = BrokerAssert.DEFAULT_TIMEOUT;

    /** Where reports go unless configured otherwise, relative to the working directory. */
    public static final String DEFAULT_REPORTS_DIRECTORY = "target/midge-reports";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MidgeConfiguration.class);

    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

    /**
     * @param context any context of the run
     * @return the run's configuration, read on first use
     * @throws ExtensionConfigurationException when a parameter has a value Midge cannot use, saying what to write
     */
    public static MidgeConfiguration of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(MidgeConfiguration.class,
                key -> read(root::getConfigurationParameter), MidgeConfiguration.class);
    }

    /**
     * @param parameters the configuration parameters by name
     * @return the configuration they describe
     * @throws ExtensionConfigurationException when a parameter has a value Midge cannot use, saying what to write
     */
    public static MidgeConfiguration read(Function<String, Optional<String>> parameters) {
        String url = parameters.apply(EXTERNAL_URL).map(String::trim).filter(value -> !value.isEmpty())
                .map(value -> checkedBrokerUrl(value, EXTERNAL_URL + " = \"%s\""))
                .orElse(null);
        Duration timeout = parameters.apply(ASSERTION_TIMEOUT).map(MidgeConfiguration::duration)
                .orElse(DEFAULT_ASSERTION_TIMEOUT);
        String reports = parameters.apply(REPORTS_DIRECTORY).orElse(DEFAULT_REPORTS_DIRECTORY).trim();
        Optional<Path> directory = reports.isEmpty() || reports.toLowerCase(Locale.ROOT).equals("none")
                ? Optional.empty()
                : Optional.of(Path.of(reports));
        Optional<Path> caFile = parameters.apply(EXTERNAL_CA_FILE).map(String::trim).filter(value -> !value.isEmpty())
                .map(Path::of);
        caFile.filter(file -> !Files.isRegularFile(file)).ifPresent(missing -> {
            throw new ExtensionConfigurationException(EXTERNAL_CA_FILE + " = \"" + missing + "\" is not a file: name "
                    + "the PEM file with the CA certificate of the external broker, relative to the working directory "
                    + Path.of("").toAbsolutePath() + " or absolute");
        });
        return new MidgeConfiguration(url, caFile, timeout, directory);
    }

    /**
     * @param url  an external broker's URL
     * @param form how the user wrote it, with {@code %s} for the value, so a mistake is explained in their words
     * @return the URL
     * @throws ExtensionConfigurationException when it is not {@code scheme://host:port}, saying what to write
     */
    public static String checkedBrokerUrl(String url, String form) {
        try {
            URI parsed = new URI(url);
            if (parsed.getScheme() != null && BROKER_SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    && parsed.getHost() != null && parsed.getPort() > 0) {
                return url;
            }
        } catch (URISyntaxException e) {
            // explained below, like every other unusable value
        }
        throw new ExtensionConfigurationException(form.formatted(url) + " is not a broker URL: write "
                + form.formatted("tcp://host:port") + ", e.g. " + form.formatted("tcp://localhost:1883")
                + " (also ssl://, ws://, wss://; credentials as tcp://name:password@host:port)");
    }

    private static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ExtensionConfigurationException(ASSERTION_TIMEOUT + " = \"" + value + "\" is not a duration: "
                    + "write a whole number and a unit (ms, s or m), e.g. " + ASSERTION_TIMEOUT + " = 10s or "
                    + ASSERTION_TIMEOUT + " = 500ms");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
