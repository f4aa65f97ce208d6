package dev.midge.junit.internal;

import dev.midge.broker.Authenticator;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.Persistence;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.Reset;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checked settings of a test broker, from {@link MqttBroker} or from the extension's builder.
 *
 * @param websocket        add a WebSocket listener
 * @param tls              add a TLS listener, and with websocket a secure WebSocket listener
 * @param users            accepted users and passwords; empty for anonymous access
 * @param protocolVersions allowed protocol levels; empty for all
 * @param reset            what is cleared between tests sharing the broker
 * @param port             the TCP port, 0 for a free one
 * @param externalUrl      an external broker to use instead, or an empty string
 * @param config           a configuration file on the test class path, or an empty string
 * @param virtualTime      run the broker on virtual time
 * @param persistence      keep the broker's state in a store in a temporary directory, kept across crashes
 */
public record BrokerSettings(boolean websocket, boolean tls, Map<String, String> users, Set<Integer> protocolVersions,
                             Set<Reset> reset, int port, String externalUrl, String config,
                             boolean virtualTime, boolean persistence) {

    /**
     * Checks every setting and explains how to fix a wrong one.
     *
     * @throws ExtensionConfigurationException naming the attribute and what to write instead
     */
    public BrokerSettings {
        users = Map.copyOf(users);
        protocolVersions = Set.copyOf(protocolVersions);
        reset = Set.copyOf(reset);
        for (int version : protocolVersions) {
            if (version < 3 || version > 5) {
                throw new ExtensionConfigurationException("protocolVersions = " + version + " is not an MQTT "
                        + "protocol level: write 3 (MQTT 3.1), 4 (MQTT 3.1.1) or 5 (MQTT 5.0)");
            }
        }
        if (port < 0 || port > 65535) {
            throw new ExtensionConfigurationException("port = " + port + " is not a port: write a number from 1 to "
                    + "65535, or leave it out (0) to get a free port");
        }
        if (!externalUrl.isEmpty()) {
            MidgeConfiguration.checkedBrokerUrl(externalUrl, "externalUrl = \"%s\"");
        }
        if (!externalUrl.isEmpty() && !users.isEmpty()) {
            throw new ExtensionConfigurationException("users configures the embedded broker, but externalUrl = \""
                    + externalUrl + "\" replaces it: put the credentials in the URL instead "
                    + "(tcp://name:password@host:port)");
        }
        if (!externalUrl.isEmpty() && (websocket || tls || port != 0 || !protocolVersions.isEmpty()
                || !config.isEmpty() || virtualTime || persistence)) {
            throw new ExtensionConfigurationException("websocket, tls, port, protocolVersions, config, virtualTime "
                    + "and persistence configure the embedded broker, but externalUrl = \"" + externalUrl
                    + "\" replaces it: remove them");
        }
    }

    /**
     * @param annotation the annotation on a test class or method
     * @return its settings
     */
    public static BrokerSettings of(MqttBroker annotation) {
        Set<Integer> versions = new TreeSet<>();
        for (int version : annotation.protocolVersions()) {
            versions.add(version);
        }
        return new BrokerSettings(annotation.websocket(), annotation.tls(),
                parseUsers(annotation.users(), "users = \"%s\""), versions,
                Set.copyOf(List.of(annotation.reset())), annotation.port(), annotation.externalUrl().trim(),
                annotation.config().trim(), annotation.virtualTime(), annotation.persistence());
    }

    /**
     * @param entries users as {@code "name:password"}
     * @param form    how the user wrote them, with {@code %s} for one entry: {@code users = "%s"} or
     *                {@code users("%s")}, so that a mistake is explained in the user's own words
     * @return the passwords by user name
     * @throws ExtensionConfigurationException when an entry has no name or no colon, saying what to write
     */
    public static Map<String, String> parseUsers(String[] entries, String form) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new ExtensionConfigurationException(form.formatted(entry) + " is not \"name:password\": write "
                        + form.formatted(colon == 0 ? "name" + entry : entry + ":password"));
            }
            users.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return users;
    }

    /**
     * @param configuredExternalUrl the external broker URL of the run's configuration, or null
     * @return the external broker to use (this setting's own first), or null to start an embedded one
     */
    public String effectiveExternalUrl(String configuredExternalUrl) {
        return externalUrl.isEmpty() ? configuredExternalUrl : externalUrl;
    }

    /**
     * @param previous a crashed broker whose ports to take again, or null for those of these settings
     * @param store    the directory of the broker's store, or null for none
     * @return a started embedded broker with these settings
     */
    Broker startBroker(Broker previous, Path store) {
        BrokerBuilder builder = Broker.builder().port(previous == null ? port : previous.port());
        if (store != null) {
            builder.persistence(Persistence.in(store));
        }
        if (!config.isEmpty()) {
            applyConfig(builder);
        }
        if (virtualTime) {
            builder.virtualTime();
        }
        if (websocket) {
            builder.websocketPort(previous == null ? 0 : previous.websocketPort());
        }
        if (tls) {
            builder.tlsPort(previous == null ? 0 : previous.tlsPort());
            if (websocket) {
                builder.secureWebsocketPort(previous == null ? 0 : previous.secureWebsocketPort());
            }
        }
        if (!users.isEmpty() || !protocolVersions.isEmpty()) {
            Authenticator passwords = users.isEmpty() ? Authenticator.allowAll() : Authenticator.users(users);
            builder.authenticator(request -> !protocolVersions.isEmpty()
                    && !protocolVersions.contains(request.protocolVersion())
                    ? ConnectCode.UNSUPPORTED_PROTOCOL_VERSION
                    : passwords.authenticate(request));
        }
        return builder.start();
    }

    private void applyConfig(BrokerBuilder builder) {
        String name = config.startsWith("/") ? config.substring(1) : config;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL resource = (loader == null ? BrokerSettings.class.getClassLoader() : loader).getResource(name);
        if (resource == null) {
            throw new ExtensionConfigurationException("config = \"" + config + "\" is not on the test class path: put "
                    + "the file in src/test/resources (or a folder under it) and name it from there, e.g. config = "
                    + "\"midge.conf\"");
        }
        Path file;
        try {
            file = Path.of(resource.toURI());
        } catch (URISyntaxException | FileSystemNotFoundException | IllegalArgumentException notAFile) {
            throw new ExtensionConfigurationException("config = \"" + config + "\" is inside " + resource
                    + ", but the broker reads a plain file, whose password and ACL files lie beside it: put it in "
                    + "the test resources of this project");
        }
        try {
            builder.configFile(file);
        } catch (IllegalArgumentException wrong) {
            throw new ExtensionConfigurationException("config = \"" + config + "\" cannot be used: "
                    + wrong.getMessage(), wrong);
        }
    }
}
