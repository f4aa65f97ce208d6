package dev.midge.broker.internal.config;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code connection NAME} blocks of a configuration file, Mosquitto's bridges: every bridge keyword after a
 * {@code connection} line belongs to that bridge, until the next {@code connection} line or any other keyword, which
 * ends the block. Each block becomes a {@link Bridge}.
 */
final class BridgeBlocks {

    /** Mosquitto's bridge keywords the broker does not have, with what to do instead. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("bridge_capath", "name a PEM file of the trusted certificates with bridge_cafile"),
            Map.entry("bridge_certfile", "bridges present no client certificate; use remote_username and "
                    + "remote_password"),
            Map.entry("bridge_keyfile", "bridges present no client certificate; use remote_username and "
                    + "remote_password"),
            Map.entry("bridge_identity", "TLS-PSK is not supported; use bridge_cafile"),
            Map.entry("bridge_psk", "TLS-PSK is not supported; use bridge_cafile"),
            Map.entry("bridge_alpn", "remove it"),
            Map.entry("bridge_tls_version", "remove it: the JVM's TLS versions are used"),
            Map.entry("bridge_require_ocsp", "remove it"),
            Map.entry("bridge_bind_address", "remove it"),
            Map.entry("bridge_attempt_unsubscribe", "remove it"),
            Map.entry("bridge_outgoing_retain", "remove it: the retain flag always crosses the bridge"),
            Map.entry("bridge_max_packet_size", "remove it"),
            Map.entry("bridge_max_topic_alias", "remove it"),
            Map.entry("bridge_receive_maximum", "remove it"),
            Map.entry("bridge_session_expiry_interval", "use cleansession"),
            Map.entry("local_cleansession", "remove it: the bridge's local session lasts as long as the broker"),
            Map.entry("local_username", "remove it: the bridge's local side is not authenticated"),
            Map.entry("local_password", "remove it: the bridge's local side is not authenticated"),
            Map.entry("start_type", "remove it: bridges start with the broker"),
            Map.entry("idle_timeout", "remove it: bridges start with the broker"),
            Map.entry("threshold", "remove it: bridges start with the broker"),
            Map.entry("clientid", "write remote_clientid"),
            Map.entry("username", "write remote_username"),
            Map.entry("password", "write remote_password"));

    private static final Set<String> KEYWORDS = Set.of("address", "addresses", "round_robin", "topic",
            "remote_clientid", "local_clientid", "remote_username", "remote_password", "cleansession",
            "keepalive_interval", "bridge_cafile", "bridge_insecure", "bridge_protocol_version", "try_private",
            "restart_timeout", "notifications", "notification_topic", "notifications_local_only");

    /** One block as read so far, built into a {@link Bridge} once the file is read. */
    private static final class Block {
        final int line;
        final String name;
        final List<Runnable> settings = new ArrayList<>();
        BridgeBuilder builder;
        int topics;
        String username;
        String password;
        int passwordLine;

        Block(int line, String name) {
            this.line = line;
            this.name = name;
        }
    }

    private final Path file;
    private final List<Block> blocks = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private Block current;
    private int endedBy;

    BridgeBlocks(Path file) {
        this.file = file;
    }

    /**
     * @param value a line of the file
     * @return whether the line was a bridge's; any other line ends the current block
     */
    boolean apply(Value value) {
        String keyword = value.keyword();
        if (keyword.equals("connection")) {
            connection(value);
            return true;
        }
        if (!KEYWORDS.contains(keyword) && !UNSUPPORTED.containsKey(keyword)) {
            if (current != null) {
                current = null;
                endedBy = value.line();
            }
            return false;
        }
        if (current == null) {
            throw new ConfigException(file, value.line(), keyword + " belongs to a bridge: put it in a "
                    + "'connection NAME' block" + (endedBy > 0 ? ", before line " + endedBy + ", whose keyword ends "
                    + "the block" : ""));
        }
        String instead = UNSUPPORTED.get(keyword);
        if (instead != null) {
            throw value.problem("is not supported in a connection block: " + instead);
        }
        setting(current, value);
        return true;
    }

    private void connection(Value value) {
        String name = value.text();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw value.problem("takes a name of letters, digits, '-', '_' and '.', not '" + name + "'");
        }
        if (!names.add(name)) {
            throw value.problem("'" + name + "' names a second bridge: give each connection its own name");
        }
        current = new Block(value.line(), name);
        blocks.add(current);
    }

    private void setting(Block block, Value value) {
        switch (value.keyword()) {
            case "address", "addresses" -> address(block, value);
            case "round_robin" -> {
                boolean roundRobin = value.bool();
                later(block, value, b -> b.roundRobin(roundRobin));
            }
            case "topic" -> {
                BridgeTopicLine topic = BridgeTopicLine.parse(value);
                block.topics++;
                later(block, value, b -> b.topic(topic.pattern(), topic.direction(), topic.qos(),
                        topic.localPrefix(), topic.remotePrefix()));
            }
            case "remote_clientid" -> {
                String id = value.text();
                later(block, value, b -> b.remoteClientId(id));
            }
            case "local_clientid" -> {
                String id = value.text();
                later(block, value, b -> b.localClientId(id));
            }
            case "remote_username" -> block.username = value.text();
            case "remote_password" -> {
                block.password = value.text();
                block.passwordLine = value.line();
            }
            case "cleansession" -> {
                boolean clean = value.bool();
                later(block, value, b -> b.cleanSession(clean));
            }
            case "keepalive_interval" -> {
                int seconds = value.integer(5, 65535);
                later(block, value, b -> b.keepAlive(Duration.ofSeconds(seconds)));
            }
            case "bridge_cafile" -> {
                Path ca = value.existingFile();
                later(block, value, b -> b.trustedCertificates(ca));
            }
            case "bridge_insecure" -> {
                boolean insecure = value.bool();
                later(block, value, b -> b.insecure(insecure));
            }
            case "bridge_protocol_version" -> {
                Bridge.Protocol protocol = protocol(value);
                later(block, value, b -> b.protocol(protocol));
            }
            case "try_private" -> {
                boolean tryPrivate = value.bool();
                later(block, value, b -> b.tryPrivate(tryPrivate));
            }
            case "restart_timeout" -> restartTimeout(block, value);
            case "notifications" -> {
                boolean notifications = value.bool();
                later(block, value, b -> b.notifications(notifications));
            }
            case "notification_topic" -> {
                String topic = value.text();
                later(block, value, b -> b.notificationTopic(topic));
            }
            case "notifications_local_only" -> {
                boolean localOnly = value.bool();
                later(block, value, b -> b.notificationsLocalOnly(localOnly));
            }
            default -> throw new IllegalStateException("no reading for " + value.keyword());
        }
    }

    private void address(Block block, Value value) {
        if (block.builder != null) {
            throw value.problem("is given twice for connection " + block.name + ": list all its addresses on one "
                    + "line, 'address host[:port] host2[:port]', the main one first");
        }
        String[] parts = value.text().split("\\s+");
        try {
            block.builder = Bridge.builder(block.name, parts[0]);
            for (int i = 1; i < parts.length; i++) {
                block.builder.address(parts[i]);
            }
        } catch (IllegalArgumentException e) {
            throw value.problem(e.getMessage());
        }
    }

    private static Bridge.Protocol protocol(Value value) {
        return switch (value.text()) {
            case "mqttv311" -> Bridge.Protocol.MQTT_3_1_1;
            case "mqttv50" -> Bridge.Protocol.MQTT_5;
            default -> throw value.problem("must be mqttv311 or mqttv50, not '" + value.raw() + "'");
        };
    }

    private void restartTimeout(Block block, Value value) {
        String[] parts = value.text().split("\\s+");
        if (parts.length > 2) {
            throw value.problem("takes 'restart_timeout SECONDS' or 'restart_timeout BASE CAP', not '"
                    + value.raw() + "'");
        }
        int base = new Value(file, value.line(), value.keyword(), parts[0]).integer(1, 86_400);
        int cap = parts.length == 2 ? new Value(file, value.line(), value.keyword(), parts[1]).integer(base, 86_400)
                : base;
        later(block, value, b -> b.restartTimeout(Duration.ofSeconds(base), Duration.ofSeconds(cap)));
    }

    /** Settings wait for the block's address, which may come after them, as in Mosquitto. */
    private void later(Block block, Value value, Consumer<BridgeBuilder> setting) {
        block.settings.add(() -> {
            try {
                setting.accept(block.builder);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw value.problem(e.getMessage());
            }
        });
    }

    /**
     * @return the bridges, once the whole file is read
     * @throws ConfigException when a block has no address or no topic, or a setting does not fit its bridge
     */
    List<Bridge> finish() {
        List<Bridge> bridges = new ArrayList<>();
        for (Block block : blocks) {
            if (block.builder == null) {
                throw new ConfigException(file, block.line, "connection " + block.name + " has no address: add "
                        + "'address host[:port]' to its block");
            }
            if (block.topics == 0) {
                throw new ConfigException(file, block.line, "connection " + block.name + " has no topic: add one "
                        + "such as 'topic # out 1' to its block");
            }
            if (block.password != null && block.username == null) {
                throw new ConfigException(file, block.passwordLine, "remote_password needs a remote_username in "
                        + "connection " + block.name + ": MQTT sends no password without a user name");
            }
            block.settings.forEach(Runnable::run);
            if (block.username != null) {
                block.builder.remoteCredentials(block.username, block.password);
            }
            bridges.add(block.builder.build());
        }
        return bridges;
    }
}
