package dev.midge.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects a bridge's settings; every one but the name and the address has a default. */
public final class BridgeBuilder {

    final String name;
    final List<BridgeAddress> addresses = new ArrayList<>();
    boolean roundRobin;
    boolean secure;
    final List<BridgeTopic> topics = new ArrayList<>();
    String remoteClientId;
    String localClientId;
    String remoteUsername;
    String remotePassword;
    boolean cleanSession;
    Duration keepAlive = Bridge.DEFAULT_KEEP_ALIVE;
    Path trustedCertificates;
    boolean insecure;
    Bridge.Protocol protocol = Bridge.Protocol.MQTT_3_1_1;
    boolean tryPrivate = true;
    Duration restartBase = Bridge.DEFAULT_RESTART_BASE;
    Duration restartCap = Bridge.DEFAULT_RESTART_CAP;
    boolean notifications = true;
    String notificationTopic;
    boolean notificationsLocalOnly;

    BridgeBuilder(String name, String address) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a bridge name takes letters, digits, '-', '_' and '.', not '"
                    + name + "'");
        }
        this.name = name;
        address(address);
    }

    /**
     * Adds another address of the upstream (Mosquitto's {@code address} with several values). Without round robin
     * the first address is the main one: when a connection cannot be made or ends, the next address is tried at
     * once, each in turn, and the restart timeout is waited only once all have failed; while connected to another
     * address, the bridge tries the main one at every first restart wait and moves back as soon as it answers.
     *
     * @param address another upstream address, in the forms {@link Bridge#builder(String, String)} takes
     * @return this builder
     * @throws IllegalArgumentException when the address cannot be used
     */
    public BridgeBuilder address(String address) {
        addresses.add(BridgeAddress.parse(Objects.requireNonNull(address, "address")));
        return this;
    }

    /**
     * @param roundRobin whether the addresses are equals (Mosquitto's {@code round_robin}): a bridge connected to
     *                   any of them stays there until that connection ends, then tries the next (default false:
     *                   the first address is the main one, see {@link #address(String)})
     * @return this builder
     */
    public BridgeBuilder roundRobin(boolean roundRobin) {
        this.roundRobin = roundRobin;
        return this;
    }

    /**
     * Bridges a topic without prefixes.
     *
     * @param pattern   the topic filter
     * @param direction which way messages travel (Mosquitto's default is {@link Bridge.Direction#OUT})
     * @param qos       the QoS of the subscription on the side messages come from (Mosquitto's default 0)
     * @return this builder
     */
    public BridgeBuilder topic(String pattern, Bridge.Direction direction, QoS qos) {
        return topic(pattern, direction, qos, "", "");
    }

    /**
     * Bridges a topic, its prefix changed as messages cross: see {@link BridgeTopic}. Call once per topic.
     *
     * @param pattern      the topic filter, empty when a prefix alone is the topic
     * @param direction    which way messages travel
     * @param qos          the QoS of the subscription on the side messages come from
     * @param localPrefix  what precedes the pattern on this broker, empty for nothing
     * @param remotePrefix what precedes the pattern upstream, empty for nothing
     * @return this builder
     */
    public BridgeBuilder topic(String pattern, Bridge.Direction direction, QoS qos, String localPrefix,
                               String remotePrefix) {
        topics.add(new BridgeTopic(pattern, direction, qos, localPrefix, remotePrefix));
        return this;
    }

    /**
     * @param clientId the client identifier sent to the upstream (default: this machine's host name, a dot and
     *                 the bridge's name, as Mosquitto's)
     * @return this builder
     */
    public BridgeBuilder remoteClientId(String clientId) {
        this.remoteClientId = requireText(clientId, "remoteClientId");
        return this;
    }

    /**
     * @param clientId the client identifier of the bridge's session on this broker, which an
     *                 {@link Authorizer} sees (default: {@code local.} and the remote client identifier)
     * @return this builder
     */
    public BridgeBuilder localClientId(String clientId) {
        this.localClientId = requireText(clientId, "localClientId");
        return this;
    }

    /**
     * @param username the user name sent to the upstream
     * @param password the password sent with it, or null for none
     * @return this builder (default: neither is sent)
     */
    public BridgeBuilder remoteCredentials(String username, String password) {
        this.remoteUsername = requireText(username, "username");
        this.remotePassword = password;
        return this;
    }

    /**
     * @param clean whether the bridge asks the upstream for a clean session on every connection; with false the
     *              upstream keeps what it queued for the bridge while it was away (default false)
     * @return this builder
     */
    public BridgeBuilder cleanSession(boolean clean) {
        this.cleanSession = clean;
        return this;
    }

    /**
     * @param interval the keep-alive interval asked of the upstream, 1 s to 65535 s: a PINGREQ goes out when
     *                 nothing else has for that long, and 1.5 times it of silence ends the connection (default
     *                 {@link Bridge#DEFAULT_KEEP_ALIVE})
     * @return this builder
     */
    public BridgeBuilder keepAlive(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds < 1 || seconds > 65535) {
            throw new IllegalArgumentException("keepAlive must be between 1 and 65535 seconds, not " + interval);
        }
        this.keepAlive = Duration.ofSeconds(seconds);
        return this;
    }

    /**
     * Connects with TLS and trusts only the certificates in the file (and those they sign).
     *
     * @param pemFile the CA file (Mosquitto's {@code bridge_cafile}); default: no TLS unless the address says
     *                {@code tls://} or {@code wss://}, which trust the JVM's authorities
     * @return this builder
     */
    public BridgeBuilder trustedCertificates(Path pemFile) {
        this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
        this.secure = true;
        return this;
    }

    /**
     * @param insecure whether to connect with TLS without checking that the upstream's certificate names the
     *                 host connected to (Mosquitto's {@code bridge_insecure}; the certificate must still be
     *                 trusted) (default false)
     * @return this builder
     */
    public BridgeBuilder insecure(boolean insecure) {
        this.insecure = insecure;
        this.secure |= insecure;
        return this;
    }

    /**
     * @param protocol the MQTT version spoken to the upstream (default {@link Bridge.Protocol#MQTT_3_1_1})
     * @return this builder
     */
    public BridgeBuilder protocol(Bridge.Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /**
     * @param tryPrivate whether an MQTT 3.1.1 CONNECT sets the bit of the protocol level that tells Mosquitto and
     *                   Midge it comes from a bridge, so they send none of its own messages back and keep the
     *                   retain flag of what they forward; an upstream that does not know the bit refuses the
     *                   connection (default true). MQTT 5 bridges use the no-local option instead
     * @return this builder
     */
    public BridgeBuilder tryPrivate(boolean tryPrivate) {
        this.tryPrivate = tryPrivate;
        return this;
    }

    /**
     * Waits between reconnection attempts as Mosquitto's {@code restart_timeout BASE CAP} does: a random time
     * between the first wait and three times the previous one, at most the cap (default
     * {@link Bridge#DEFAULT_RESTART_BASE} and {@link Bridge#DEFAULT_RESTART_CAP}).
     *
     * @param base the first wait, at least 1 ms
     * @param cap  the longest wait, at least the first
     * @return this builder
     */
    public BridgeBuilder restartTimeout(Duration base, Duration cap) {
        if (base.toMillis() < 1 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("restartTimeout needs a base of at least 1 ms and a cap no "
                    + "shorter, not " + base + " and " + cap);
        }
        this.restartBase = base;
        this.restartCap = cap;
        return this;
    }

    /**
     * Waits the same time before every reconnection attempt (Mosquitto's {@code restart_timeout VALUE}).
     *
     * @param wait the wait, at least 1 ms
     * @return this builder
     */
    public BridgeBuilder restartTimeout(Duration wait) {
        return restartTimeout(wait, wait);
    }

    /**
     * @param publish whether the bridge's state, 1 when connected and 0 when not, is published retained on this
     *                broker and on the upstream, where the bridge's will publishes 0 when the connection is lost
     *                (default true; see {@link #notificationTopic(String)} for the topics)
     * @return this builder
     */
    public BridgeBuilder notifications(boolean publish) {
        this.notifications = publish;
        return this;
    }

    /**
     * @param topic the topic of the bridge's state on both brokers (Mosquitto's {@code notification_topic});
     *              default: {@code $SYS/broker/connection/NAME/state} on this broker and
     *              {@code $SYS/broker/connection/REMOTE_CLIENT_ID/state} on the upstream, as Mosquitto's, so that
     *              edges whose bridges share a name do not overwrite each other's state there
     * @return this builder
     * @throws IllegalArgumentException when the topic is empty or holds a wildcard
     */
    public BridgeBuilder notificationTopic(String topic) {
        requireText(topic, "notificationTopic");
        if (topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("notificationTopic is a topic name, without wildcards, not '"
                    + topic + "'");
        }
        this.notificationTopic = topic;
        return this;
    }

    /**
     * @param localOnly whether the bridge's state is published on this broker only, with no will and nothing
     *                  published on the upstream (Mosquitto's {@code notifications_local_only}; default false)
     * @return this builder
     */
    public BridgeBuilder notificationsLocalOnly(boolean localOnly) {
        this.notificationsLocalOnly = localOnly;
        return this;
    }

    /**
     * @return the bridge
     * @throws IllegalStateException when no topic was added
     */
    public Bridge build() {
        if (topics.isEmpty()) {
            throw new IllegalStateException("bridge " + name + " has no topic: add at least one with topic(...)");
        }
        return new Bridge(this);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
