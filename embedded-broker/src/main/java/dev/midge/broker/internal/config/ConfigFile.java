package dev.midge.broker.internal.config;

import dev.midge.broker.Bridge;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.Persistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A broker configuration in Mosquitto's format: one {@code keyword value} per line, blank lines and lines starting
 * with {@code #} skipped. It is read whole before the broker starts, so that any mistake stops the start with a
 * message naming the file and line. Relative paths in it are relative to its own directory.
 */
public final class ConfigFile {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);

    /** Mosquitto keywords about its logging and its life as a daemon, which the broker leaves to its host. */
    static final Set<String> IGNORED = Set.of("log_dest", "log_type", "log_timestamp", "log_timestamp_format",
            "connection_messages", "websockets_log_level", "pid_file", "user");

    private final Path file;
    private final Listeners listeners;
    private final Limits limits = new Limits();
    private final PersistenceOptions persistence;
    private final BridgeBlocks bridgeBlocks;
    private List<Bridge> bridges = List.of();
    private boolean allowAnonymous = true;
    private int allowAnonymousLine;
    private Path passwordFile;
    private Path aclFile;
    private PasswordFile users;
    private AclFile acl;
    private Boolean sendTopicAliases;

    private ConfigFile(Path file) {
        this.file = file;
        this.listeners = new Listeners(file);
        this.persistence = new PersistenceOptions(file);
        this.bridgeBlocks = new BridgeBlocks(file);
    }

    /**
     * @param file the configuration file
     * @return its settings, with the password and ACL files it names already read
     * @throws ConfigException naming the file, the line and what is wrong, when any file cannot be read or used
     */
    public static ConfigFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read the configuration file: " + e);
        }
        ConfigFile config = new ConfigFile(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                config.apply(i + 1, line.split("\\s+", 2));
            }
        }
        config.finish();
        return config;
    }

    private void apply(int line, String[] words) {
        String keyword = words[0];
        Value value = new Value(file, line, keyword, words.length > 1 ? words[1].strip() : "");
        if (bridgeBlocks.apply(value)) {
            return;
        }
        if (IGNORED.contains(keyword)) {
            value.text();
            LOG.info("{}:{}: ignoring '{}': the broker logs through SLF4J, runs in the foreground and keeps its user",
                    file, line, keyword);
            return;
        }
        switch (keyword) {
            case "listener" -> {
                String[] parts = value.text().split("\\s+");
                if (parts.length > 2) {
                    throw new ConfigException(file, line, "expected 'listener PORT [ADDRESS]'");
                }
                listeners.listener(line, value.port(parts[0]), parts.length == 2 ? parts[1] : null);
            }
            case "protocol" -> listeners.protocol(line, value.text());
            case "certfile" -> listeners.certfile(line, value.existingFile());
            case "keyfile" -> listeners.keyfile(line, value.existingFile());
            case "cafile" -> listeners.cafile(line, value.existingFile());
            case "require_certificate" -> listeners.requireCertificate(line, value.bool());
            case "allow_anonymous" -> {
                allowAnonymous = value.bool();
                allowAnonymousLine = line;
            }
            case "password_file" -> passwordFile = value.existingFile();
            case "acl_file" -> aclFile = value.existingFile();
            case "per_listener_settings" -> value.only(false, "the broker's security settings apply to every "
                    + "listener");
            case "send_topic_aliases" -> sendTopicAliases = value.bool();
            default -> {
                if (!limits.apply(value) && !persistence.apply(value)) {
                    throw new ConfigException(file, line, "unknown keyword '" + keyword + "'");
                }
            }
        }
    }

    private void finish() {
        listeners.finish();
        persistence.finish();
        bridges = bridgeBlocks.finish();
        if (!allowAnonymous && passwordFile == null) {
            throw new ConfigException(file, allowAnonymousLine, "allow_anonymous false needs a password_file: "
                    + "without one no client could connect");
        }
        users = passwordFile == null ? null : PasswordFile.read(passwordFile, allowAnonymous);
        acl = aclFile == null ? null : AclFile.read(aclFile);
    }

    /**
     * Applies the settings that are not about listeners: limits, {@code sys_interval}, topic aliases, the password
     * file, the ACL file, persistence and the bridges.
     *
     * @param builder the builder to configure
     */
    public void applyTo(BrokerBuilder builder) {
        limits.applyTo(builder);
        Persistence settings = persistence.settings();
        if (settings != null) {
            builder.persistence(settings);
        }
        if (sendTopicAliases != null) {
            builder.topicAliases(sendTopicAliases);
        }
        if (users != null) {
            builder.authenticator(users);
        }
        if (acl != null) {
            builder.authorizer(acl);
        }
        bridges.forEach(builder::bridge);
    }

    /** @return the bridges of the file's {@code connection} blocks, in their order */
    public List<Bridge> bridges() {
        return bridges;
    }

    /** @return the address the listeners use, or null when the file has no listener */
    public String host() {
        return listeners.address();
    }

    /** @return the plain MQTT port, or -1 when the file has no listener */
    public int port() {
        return listeners.port(Listeners.Kind.TCP);
    }

    /** @return the WebSocket port, or -1 for none */
    public int websocketPort() {
        return listeners.port(Listeners.Kind.WEBSOCKET);
    }

    /** @return the TLS port, or -1 for none */
    public int tlsPort() {
        return listeners.port(Listeners.Kind.TLS);
    }

    /** @return the secure WebSocket port, or -1 for none */
    public int secureWebsocketPort() {
        return listeners.port(Listeners.Kind.SECURE_WEBSOCKET);
    }

    /** @return the PEM certificate chain of the TLS listeners, or null */
    public Path certificate() {
        return listeners.certificate();
    }

    /** @return the PEM private key of that chain, or null */
    public Path key() {
        return listeners.key();
    }

    /** @return the PEM certificates TLS clients must present, or be signed by; null when none is required */
    public Path clientCa() {
        return listeners.clientCa();
    }

    /** @return the seconds between two publications of the {@code $SYS} topics, 0 for none */
    public int sysIntervalSeconds() {
        return limits.sysIntervalSeconds();
    }
}
