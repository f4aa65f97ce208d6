package dev.midge.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A bridge from the broker to an upstream MQTT broker, as Mosquitto's {@code connection} block defines one: the broker
 * connects to the upstream as a client, subscribes there to the {@code in} topics and forwards what it receives to
 * its own subscribers, and forwards what its own clients publish on the {@code out} topics to the upstream.
 *
 * <pre>{@code
 * Bridge cloud = Bridge.builder("cloud", "tcp://broker.example.com:1883")
 *         .topic("emqx/serial/read", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE)
 *         .topic("emqx/serial/write", Bridge.Direction.IN, QoS.AT_LEAST_ONCE)
 *         .build();
 * }</pre>
 *
 * <p>Immutable; made by {@link BridgeBuilder}.
 */
public final class Bridge {

    /** The default of {@link BridgeBuilder#keepAlive(Duration)}: 60 seconds, as Mosquitto's. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** The default first wait of {@link BridgeBuilder#restartTimeout(Duration, Duration)}: 5 s, as Mosquitto's. */
    public static final Duration DEFAULT_RESTART_BASE = Duration.ofSeconds(5);
    /** The default longest wait of {@link BridgeBuilder#restartTimeout(Duration, Duration)}: 30 s, as Mosquitto's. */
    public static final Duration DEFAULT_RESTART_CAP = Duration.ofSeconds(30);

    /** Which way messages on a bridged topic travel. */
    public enum Direction {
        /** From the upstream broker to this one. */
        IN,
        /** From this broker to the upstream broker. */
        OUT,
        /** Both ways; a message never travels back the way it came. */
        BOTH;

        /** @return whether messages travel from the upstream broker to this one */
        public boolean inbound() {
            return this != OUT;
        }

        /** @return whether messages travel from this broker to the upstream broker */
        public boolean outbound() {
            return this != IN;
        }
    }

    /** The MQTT version the bridge speaks to the upstream broker. */
    public enum Protocol {
        /** MQTT 3.1.1 (Mosquitto's {@code mqttv311}). */
        MQTT_3_1_1,
        /** MQTT 5.0 (Mosquitto's {@code mqttv50}). */
        MQTT_5
    }

    /** How the bridge reaches the upstream broker. */
    public enum Transport {
        /** Plain TCP. */
        TCP,
        /** TLS. */
        TLS,
        /** WebSocket. */
        WEBSOCKET,
        /** WebSocket over TLS. */
        SECURE_WEBSOCKET;

        /** @return whether the connection is encrypted */
        public boolean tls() {
            return this == TLS || this == SECURE_WEBSOCKET;
        }

        /** @return whether MQTT travels in WebSocket frames */
        public boolean websocket() {
            return this == WEBSOCKET || this == SECURE_WEBSOCKET;
        }
    }

    private final String name;
    private final List<BridgeAddress> addresses;
    private final boolean roundRobin;
    private final List<BridgeTopic> topics;
    private final String remoteClientId;
    private final String localClientId;
    private final String remoteUsername;
    private final String remotePassword;
    private final boolean cleanSession;
    private final Duration keepAlive;
    private final Path trustedCertificates;
    private final boolean insecure;
    private final Protocol protocol;
    private final boolean tryPrivate;
    private final Duration restartBase;
    private final Duration restartCap;
    private final boolean notifications;
    private final String notificationTopic;
    private final boolean notificationsLocalOnly;

    Bridge(BridgeBuilder b) {
        this.name = b.name;
        this.addresses = b.addresses.stream().map(a -> b.secure ? a.secured() : a).toList();
        this.roundRobin = b.roundRobin;
        this.topics = List.copyOf(b.topics);
        this.remoteClientId = b.remoteClientId != null ? b.remoteClientId : hostName() + "." + b.name;
        this.localClientId = b.localClientId != null ? b.localClientId : "local." + remoteClientId;
        this.remoteUsername = b.remoteUsername;
        this.remotePassword = b.remotePassword;
        this.cleanSession = b.cleanSession;
        this.keepAlive = b.keepAlive;
        this.trustedCertificates = b.trustedCertificates;
        this.insecure = b.insecure;
        this.protocol = b.protocol;
        this.tryPrivate = b.tryPrivate;
        this.restartBase = b.restartBase;
        this.restartCap = b.restartCap;
        this.notifications = b.notifications;
        this.notificationTopic = b.notificationTopic;
        this.notificationsLocalOnly = b.notificationsLocalOnly;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * @param name    the bridge's name, as in Mosquitto's {@code connection NAME}: letters, digits, {@code -},
     *                {@code _} and {@code .}; it names the bridge in events and in
     *                {@code $SYS/broker/connection/NAME/state}
     * @param address the upstream broker: {@code host}, {@code host:port}, or a URL {@code tcp://host:port},
     *                {@code tls://} (or {@code ssl://}, {@code mqtts://}), {@code ws://host:port/path} or
     *                {@code wss://}; the port defaults to 1883, 8883, 80 and 443, the WebSocket path to {@code /mqtt}
     * @return a builder with the defaults described on its methods
     * @throws IllegalArgumentException when the name or the address cannot be used
     */
    public static BridgeBuilder builder(String name, String address) {
        return new BridgeBuilder(name, address);
    }

    /** @return the bridge's name */
    public String name() {
        return name;
    }

    /**
     * @return the upstream's addresses, the main one first; with {@link BridgeBuilder#trustedCertificates} or
     *         {@link BridgeBuilder#insecure} each is reached over TLS
     */
    public List<BridgeAddress> addresses() {
        return addresses;
    }

    /** @return whether the addresses are equals rather than a main one and its replacements */
    public boolean roundRobin() {
        return roundRobin;
    }

    /** @return the bridged topics, in the order they were added */
    public List<BridgeTopic> topics() {
        return topics;
    }

    /** @return the client identifier the bridge connects to the upstream with */
    public String remoteClientId() {
        return remoteClientId;
    }

    /** @return the client identifier of the bridge's session on this broker */
    public String localClientId() {
        return localClientId;
    }

    /** @return the user name sent to the upstream, or null */
    public String remoteUsername() {
        return remoteUsername;
    }

    /** @return the password sent to the upstream, or null */
    public String remotePassword() {
        return remotePassword;
    }

    /** @return whether the bridge asks the upstream for a clean session */
    public boolean cleanSession() {
        return cleanSession;
    }

    /** @return the keep-alive interval asked of the upstream */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** @return the PEM file of the certificates the upstream's must be or be signed by, or null for the JVM's */
    public Path trustedCertificates() {
        return trustedCertificates;
    }

    /** @return whether the upstream certificate's host name goes unchecked */
    public boolean insecure() {
        return insecure;
    }

    /** @return the MQTT version spoken to the upstream */
    public Protocol protocol() {
        return protocol;
    }

    /** @return whether an MQTT 3.1.1 CONNECT tells the upstream it comes from a bridge */
    public boolean tryPrivate() {
        return tryPrivate;
    }

    /** @return the first wait before reconnecting */
    public Duration restartBase() {
        return restartBase;
    }

    /** @return the longest wait before reconnecting; equal to the first for a constant wait */
    public Duration restartCap() {
        return restartCap;
    }

    /** @return whether the bridge's state is published, 1 when connected and 0 when not */
    public boolean notifications() {
        return notifications;
    }

    /** @return the topic of the bridge's state on this broker, or null when it is not published */
    public String localNotificationTopic() {
        if (!notifications) {
            return null;
        }
        return notificationTopic != null ? notificationTopic : "$SYS/broker/connection/" + name + "/state";
    }

    /**
     * @return the topic of the bridge's state on the upstream, or null when it is not published there (with
     *         notifications off or on this broker only)
     */
    public String remoteNotificationTopic() {
        if (!notifications || notificationsLocalOnly) {
            return null;
        }
        return notificationTopic != null ? notificationTopic : "$SYS/broker/connection/" + remoteClientId + "/state";
    }

    @Override
    public String toString() {
        return "Bridge[" + name + " -> " + addresses.stream()
                .map(a -> a.transport().name().toLowerCase(Locale.ROOT) + " " + a)
                .collect(Collectors.joining(", ")) + "]";
    }
}
