package dev.midge.broker;

import dev.midge.broker.internal.BrokerSettings;
import dev.midge.broker.internal.config.ConfigFile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Configures and starts a {@link Broker}. Every setting has a default suited to tests and small apps: loopback
 * only, TCP port 1883, no WebSocket listener, anyone may connect, publish and subscribe.
 */
public final class BrokerBuilder {

    /** The largest packet size MQTT can express: 256 MiB minus one byte. */
    public static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455;

    /** The default of {@link #maxQueuedBytes(long)}: 64 MiB per session. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    /** The default of {@link #writeTimeout(Duration)}: 30 seconds. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSettings settings = new BrokerSettings();

    BrokerBuilder() {
    }

    /**
     * @param host the address to listen on; {@code "0.0.0.0"} for every interface (default {@code 127.0.0.1})
     * @return this builder
     */
    public BrokerBuilder host(String host) {
        settings.host(host);
        return this;
    }

    /**
     * @param port the TCP port; 0 picks a free one, read it back with {@link Broker#port()} (default 1883)
     * @return this builder
     */
    public BrokerBuilder port(int port) {
        settings.port(port);
        return this;
    }

    /**
     * Adds a WebSocket listener serving MQTT on the path {@code /mqtt}.
     *
     * @param port the WebSocket port; 0 picks a free one (no WebSocket listener unless this is called)
     * @return this builder
     */
    public BrokerBuilder websocketPort(int port) {
        settings.websocketPort(port);
        return this;
    }

    /**
     * Adds a listener serving MQTT over TLS. It presents a self-signed certificate made when the broker starts,
     * unless {@link #tlsCertificate(Path, Path)} gives one; {@link Broker#certificate()} tells clients what to trust.
     *
     * @param port the TLS port; 0 picks a free one (no TLS listener unless this is called)
     * @return this builder
     */
    public BrokerBuilder tlsPort(int port) {
        settings.tlsPort(port);
        return this;
    }

    /**
     * Adds a listener serving MQTT over WebSocket over TLS on the path {@code /mqtt}, with the same certificate as
     * {@link #tlsPort(int)}.
     *
     * @param port the secure WebSocket port; 0 picks a free one (no secure WebSocket listener unless this is called)
     * @return this builder
     */
    public BrokerBuilder secureWebsocketPort(int port) {
        settings.secureWebsocketPort(port);
        return this;
    }

    /**
     * Makes the TLS listeners present the user's certificate instead of a self-signed one.
     *
     * @param certificateChain a PEM file with the broker's certificate first, then any intermediate certificates
     * @param privateKey       a PEM file with its private key (PKCS#8, PKCS#1 for RSA or SEC1 for EC), not encrypted
     * @return this builder
     */
    public BrokerBuilder tlsCertificate(Path certificateChain, Path privateKey) {
        settings.tlsCertificate(certificateChain, privateKey);
        return this;
    }

    /**
     * Makes the TLS listeners ask every client for a certificate and refuse the handshake unless it is one of the
     * certificates in the file, or is signed by one of them. The {@link Authenticator} then finds it in
     * {@link ConnectRequest#certificate()}, to tell devices apart by their certificates.
     *
     * @param trustedCertificates a PEM file of client certificates, or of the authorities that sign them
     * @return this builder
     */
    public BrokerBuilder tlsClientCertificates(Path trustedCertificates) {
        settings.tlsClientCertificates(trustedCertificates);
        return this;
    }

    /**
     * @param bytes the largest packet accepted from a client; a larger one closes that client's connection
     *              (default 16 MiB, at most {@link #PROTOCOL_MAX_PACKET_SIZE})
     * @return this builder
     */
    public BrokerBuilder maxPacketSize(int bytes) {
        settings.maxPacketSize(bytes);
        return this;
    }

    /**
     * @param count how many clients may be connected at once; further CONNECTs are refused as server unavailable
     *              (3.x) or server busy (5.0) (default unlimited, within the bound the {@link #memoryBudget(long)}
     *              sets on live connections)
     * @return this builder
     */
    public BrokerBuilder maxConnections(int count) {
        settings.maxConnections(count);
        return this;
    }

    /**
     * @param count how many QoS 1 and 2 messages a session queues while its client is offline or its in-flight
     *              window is full; when the queue is full, new messages for it are dropped (default 1000)
     * @return this builder
     */
    public BrokerBuilder maxQueuedMessages(int count) {
        settings.maxQueuedMessages(count);
        return this;
    }

    /**
     * @param bytes how many bytes (payload and topic) of QoS 1 and 2 messages a session queues while its client is
     *              offline, its in-flight window is full or its connection cannot take more data; when the next
     *              message would exceed it, that message is dropped for this session (default
     *              {@link #DEFAULT_MAX_QUEUED_BYTES})
     * @return this builder
     */
    public BrokerBuilder maxQueuedBytes(long bytes) {
        settings.maxQueuedBytes(bytes);
        return this;
    }

    /**
     * Bounds the memory all clients together can make the broker hold: the bytes (payload and topic) of QoS 1 and 2
     * messages queued for or in flight to sessions, of retained messages, of subscriptions, of sessions that outlive
     * their connections, and of packets being received. When a message does not fit, an MQTT 5 publisher's QoS 1 or
     * 2 message is refused with reason code 0x97 (quota exceeded); otherwise it is dropped for the sessions that
     * would have had to queue it, and not kept as retained, each drop reported. A subscription that does not fit is
     * refused in SUBACK, a new session that would outlive its connection in CONNACK. A packet whose announced size
     * does not fit beside the packets being received closes its connection. Apart from all that, the budget bounds
     * live connections, from the moment they are accepted, at 12 KiB each (24 KiB with TLS; at least 1.5 MiB worth):
     * one beyond it is closed at once.
     *
     * @param bytes the budget (default a quarter of the JVM's maximum heap)
     * @return this builder
     */
    public BrokerBuilder memoryBudget(long bytes) {
        settings.memoryBudget(bytes);
        return this;
    }

    /**
     * @param count how many QoS 1 and 2 messages may await acknowledgement per client, at most 65535, in each
     *              direction: MQTT 5 clients may ask for fewer with Receive Maximum, and are told this limit for
     *              their own QoS 2 messages (default 20)
     * @return this builder
     */
    public BrokerBuilder maxInflightMessages(int count) {
        settings.maxInflightMessages(count);
        return this;
    }

    /**
     * @param timeout how long a new connection may take to send CONNECT before it is closed (default 10 s)
     * @return this builder
     */
    public BrokerBuilder connectTimeout(Duration timeout) {
        settings.connectTimeout(timeout);
        return this;
    }

    /**
     * The broker stops reading from a client while it owes that client more than 64 KiB it could not write yet, and
     * reads again once less than 32 KiB is left. A client that stays in that state for this long (it has stopped
     * reading) is disconnected, as if its connection had been lost: its will is published.
     *
     * @param timeout how long a connection may stay unable to take more data (default
     *                {@link #DEFAULT_WRITE_TIMEOUT})
     * @return this builder
     */
    public BrokerBuilder writeTimeout(Duration timeout) {
        settings.writeTimeout(timeout);
        return this;
    }

    /**
     * Caps the keep-alive interval of MQTT 5 clients: one that asks for a longer interval, or for none, is told this
     * one in CONNACK (Server Keep Alive) and is disconnected after 1.5 times it of silence. MQTT 3.x clients cannot be
     * told, so they keep their own interval.
     *
     * @param seconds the longest keep-alive interval, 1 to 65535 (default: no limit)
     * @return this builder
     */
    public BrokerBuilder maxKeepAlive(int seconds) {
        settings.maxKeepAlive(seconds);
        return this;
    }

    /**
     * Publishes the broker's statistics (those of {@link Broker#statistics()}) under {@code $SYS/broker/}, retained,
     * at start and then every interval, on the topics Mosquitto uses: {@code clients/connected},
     * {@code messages/received}, {@code uptime}… Clients see them by subscribing to {@code $SYS/#}; a filter that
     * starts with a wildcard does not match them.
     *
     * @param interval the time between two publications, at least 1 ms (default: no {@code $SYS} topics)
     * @return this builder
     */
    public BrokerBuilder sysTopics(Duration interval) {
        settings.sysTopics(interval);
        return this;
    }

    /**
     * Makes the broker give the topics of the messages it sends to an MQTT 5 client topic aliases, as many as the
     * client's Topic Alias Maximum allows: a topic is sent in full once, then as a two-byte alias, the least recently
     * used alias going to a new topic once all are taken. Clients that set no maximum, and MQTT 3.x clients, always
     * get the topic in full.
     *
     * @param enabled whether to send topic aliases (default true)
     * @return this builder
     */
    public BrokerBuilder topicAliases(boolean enabled) {
        settings.topicAliases(enabled);
        return this;
    }

    /**
     * Replaces the clock the broker reads, and a {@link #virtualTime()} set before; its timers stay on real time.
     *
     * @param clock the clock the broker reads to age messages (MQTT 5 message expiry) and to stamp events
     *              (default: the system clock)
     * @return this builder
     */
    public BrokerBuilder clock(Clock clock) {
        settings.clock(clock);
        return this;
    }

    /**
     * Runs the broker on virtual time starting now: its clock stands still until the test moves it with
     * {@link Broker#virtualTime()}, and every timer it owns (keep-alive, connect timeout, will delay, session expiry,
     * message expiry, {@code $SYS}) waits for it. {@link VirtualTime} lists what stays real. Replaces a
     * {@link #clock(Clock)} set before.
     *
     * @return this builder
     */
    public BrokerBuilder virtualTime() {
        return virtualTime(Instant.now());
    }

    /**
     * Runs the broker on virtual time, as {@link #virtualTime()} does, its clock starting at the instant given.
     *
     * @param start what the clock shows until it is first moved
     * @return this builder
     */
    public BrokerBuilder virtualTime(Instant start) {
        settings.virtualTime(start);
        return this;
    }

    /**
     * Applies a configuration file in Mosquitto's format, the one {@code midge-broker --config FILE} reads: its
     * limits ({@code max_keepalive}, {@code max_inflight_messages}, {@code max_queued_messages},
     * {@code max_queued_bytes}, {@code message_size_limit}, {@code max_connections}, {@code memory_limit}),
     * {@code sys_interval}, {@code allow_anonymous} with {@code password_file}, {@code acl_file}, persistence
     * ({@code persistence}, {@code persistence_location}, {@code persistence_file}, {@code autosave_interval},
     * {@code persistence_fsync}) and its bridges ({@code connection} blocks, see {@link Bridge}). The whole file
     * is checked, its listener lines included, but the listeners stay the builder's: set them with {@link #port},
     * {@link #websocketPort} and the others. Settings made after this call override the file's.
     *
     * @param file the configuration file; relative paths in it are relative to its directory
     * @return this builder
     * @throws IllegalArgumentException naming the file, the line and what is wrong, when a file cannot be read or used
     */
    public BrokerBuilder configFile(Path file) {
        ConfigFile.read(Objects.requireNonNull(file, "file")).applyTo(this);
        return this;
    }

    /**
     * @param authenticator decides who may connect (default: everyone)
     * @return this builder
     */
    public BrokerBuilder authenticator(Authenticator authenticator) {
        settings.authenticator(authenticator);
        return this;
    }

    /**
     * @param authorizer decides who may publish and subscribe where (default: everything is allowed)
     * @return this builder
     */
    public BrokerBuilder authorizer(Authorizer authorizer) {
        settings.authorizer(authorizer);
        return this;
    }

    /**
     * Adds an MQTT 5 enhanced authentication method, such as {@link AuthenticationMethod#scramSha256}. A CONNECT
     * naming it in its Authentication Method is answered only after the method's AUTH exchange, and only the method
     * decides it; the client may re-authenticate later. A CONNECT naming a method the broker does not have is
     * refused with {@link ConnectCode#BAD_AUTHENTICATION_METHOD}. Clients that name none, MQTT 3.x clients among
     * them, are still decided by the {@link #authenticator(Authenticator)}: to accept only clients that use a method,
     * give an authenticator that refuses everyone. Call again to add more methods (default: none).
     *
     * @param method the method, its name not yet taken
     * @return this builder
     */
    public BrokerBuilder enhancedAuthentication(AuthenticationMethod method) {
        settings.enhancedAuthentication(method);
        return this;
    }

    /**
     * Makes the broker send Response Information in CONNACK to MQTT 5 clients that ask for it (Request Response
     * Information 1): the prefix followed by the client identifier, e.g. {@code response/pi} for client {@code pi}
     * with the prefix {@code response/}. A client may use it as the base of its response topics, and an
     * {@link Authorizer} can grant each client the topics under its own.
     *
     * @param prefix what precedes the client identifier, without {@code +} or {@code #} (default: no Response
     *               Information is sent, which the specification allows)
     * @return this builder
     */
    public BrokerBuilder responseInformation(String prefix) {
        settings.responseInformation(prefix);
        return this;
    }

    /**
     * Keeps the broker's state in a file, so that a broker started again on it finds its retained messages, its
     * sessions that outlive their connection (subscriptions, queued and in-flight messages, inbound QoS 2 messages
     * awaiting PUBREL) and its delayed wills; see {@link Persistence} for what an acknowledged message survives.
     *
     * @param settings the store's directory and durability, or null for none (default: none, all state lives in
     *                 memory only)
     * @return this builder
     */
    public BrokerBuilder persistence(Persistence settings) {
        this.settings.persistence(settings);
        return this;
    }

    /**
     * Adds a bridge to an upstream broker, started with the broker: see {@link Bridge}. Call again to add more
     * (default: none).
     *
     * @param bridge the bridge, its name not yet taken
     * @return this builder
     */
    public BrokerBuilder bridge(Bridge bridge) {
        settings.bridge(bridge);
        return this;
    }

    /**
     * Starts the broker; returns once its listeners accept connections.
     *
     * @return the running broker
     * @throws IllegalStateException when a port cannot be bound (the message names it), a certificate was given
     *                               without a TLS listener to present it, or the persistence store cannot be opened or
     *                               read (the message names its file)
     * @throws IllegalArgumentException when a certificate or key file cannot be read (the message names it)
     */
    public Broker start() {
        return BrokerAssembly.start(settings.setup());
    }
}
