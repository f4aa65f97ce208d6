package dev.midge.broker.internal;

import dev.midge.broker.AuthenticationMethod;
import dev.midge.broker.Authenticator;
import dev.midge.broker.Authorizer;
import dev.midge.broker.Bridge;
import dev.midge.broker.BrokerBuilder;
import dev.midge.broker.Persistence;
import dev.midge.broker.internal.tls.TlsIdentity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a {@link BrokerBuilder} collects, each checked as it is set and holding its default until then, and
 * their assembly into the {@link BrokerSetup} a broker starts with: the TLS identity made or read, the trusted client
 * certificates read, the durations turned into milliseconds. The builder's methods name and document the settings;
 * this class keeps them: each of its setters checks and keeps the setting of the builder's method of the same name.
 *
 * <p>Used by its builder's thread only.
 */
public final class BrokerSettings {

    private String host = "127.0.0.1";
    private int port = 1883;
    private int websocketPort = -1;
    private int tlsPort = -1;
    private int secureWebsocketPort = -1;
    private Path certificateChain;
    private Path privateKey;
    private Path trustedClients;
    private int maxPacketSize = 16 * 1024 * 1024;
    private int maxConnections = Integer.MAX_VALUE;
    private int maxQueuedMessages = 1000;
    private long maxQueuedBytes = BrokerBuilder.DEFAULT_MAX_QUEUED_BYTES;
    private long memoryBudget = SettingChecks.defaultMemoryBudget();
    private int maxInflightMessages = 20;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration writeTimeout = BrokerBuilder.DEFAULT_WRITE_TIMEOUT;
    private int maxKeepAliveSeconds;
    private Duration sysInterval = Duration.ZERO;
    private boolean topicAliases = true;
    private Clock clock = Clock.systemUTC();
    private Instant virtualTimeStart;
    private Authenticator authenticator = Authenticator.allowAll();
    private Authorizer authorizer = Authorizer.allowAll();
    private final Map<String, AuthenticationMethod> authenticationMethods = new LinkedHashMap<>();
    private String responseInformation;
    private Persistence persistence;
    private final Map<String, Bridge> bridges = new LinkedHashMap<>();

    public void host(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    public void port(int port) {
        this.port = SettingChecks.port(port, "port");
    }

    public void websocketPort(int port) {
        this.websocketPort = SettingChecks.port(port, "websocketPort");
    }

    public void tlsPort(int port) {
        this.tlsPort = SettingChecks.port(port, "tlsPort");
    }

    public void secureWebsocketPort(int port) {
        this.secureWebsocketPort = SettingChecks.port(port, "secureWebsocketPort");
    }

    public void tlsCertificate(Path certificateChain, Path privateKey) {
        this.certificateChain = Objects.requireNonNull(certificateChain, "certificateChain");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    }

    public void tlsClientCertificates(Path trustedCertificates) {
        this.trustedClients = Objects.requireNonNull(trustedCertificates, "trustedCertificates");
    }

    public void maxPacketSize(int bytes) {
        this.maxPacketSize = SettingChecks.between(bytes, 16, BrokerBuilder.PROTOCOL_MAX_PACKET_SIZE, "maxPacketSize",
                " bytes");
    }

    public void maxConnections(int count) {
        this.maxConnections = SettingChecks.positive(count, "maxConnections");
    }

    public void maxQueuedMessages(int count) {
        this.maxQueuedMessages = SettingChecks.positive(count, "maxQueuedMessages");
    }

    public void maxQueuedBytes(long bytes) {
        this.maxQueuedBytes = SettingChecks.atLeastOne(bytes, "maxQueuedBytes", "");
    }

    public void memoryBudget(long bytes) {
        this.memoryBudget = SettingChecks.atLeastOne(bytes, "memoryBudget", " byte");
    }

    public void maxInflightMessages(int count) {
        this.maxInflightMessages = SettingChecks.between(count, 1, 65535, "maxInflightMessages", "");
    }

    public void connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + timeout);
        }
        this.connectTimeout = timeout;
    }

    public void writeTimeout(Duration timeout) {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("writeTimeout must be at least 1 ms, not " + timeout);
        }
        this.writeTimeout = timeout;
    }

    public void maxKeepAlive(int seconds) {
        this.maxKeepAliveSeconds = SettingChecks.between(seconds, 1, 65535, "maxKeepAlive", " seconds");
    }

    public void sysTopics(Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("sysTopics needs an interval of at least 1 ms, not " + interval);
        }
        this.sysInterval = interval;
    }

    public void topicAliases(boolean enabled) {
        this.topicAliases = enabled;
    }

    /** Replaces virtual time set before. */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.virtualTimeStart = null;
    }

    public void virtualTime(Instant start) {
        this.virtualTimeStart = Objects.requireNonNull(start, "start");
    }

    public void authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    public void authorizer(Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    public void enhancedAuthentication(AuthenticationMethod method) {
        String name = Objects.requireNonNull(method.name(), "the method's name");
        if (authenticationMethods.putIfAbsent(name, method) != null) {
            throw new IllegalArgumentException("an authentication method named " + name + " was already added");
        }
    }

    public void responseInformation(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
            throw new IllegalArgumentException("responseInformation is the start of a topic name, without + or #: "
                    + prefix);
        }
        this.responseInformation = prefix;
    }

    public void persistence(Persistence settings) {
        this.persistence = settings;
    }

    public void bridge(Bridge bridge) {
        if (bridges.putIfAbsent(bridge.name(), bridge) != null) {
            throw new IllegalArgumentException("a bridge named " + bridge.name() + " was already added");
        }
    }

    /**
     * @return what the broker starts with, from the settings as they are now
     * @throws IllegalStateException    when a certificate was given without a TLS listener to present it
     * @throws IllegalArgumentException when a certificate or key file cannot be read (the message names it)
     */
    public BrokerSetup setup() {
        TlsIdentity identity = SettingChecks.tlsIdentity(tlsPort >= 0 || secureWebsocketPort >= 0, certificateChain,
                privateKey, trustedClients);
        String trustedClientsPem = trustedClients == null ? null : TlsIdentity.readCertificatesPem(trustedClients);
        BrokerConfig config = new BrokerConfig(host, port, websocketPort, tlsPort, secureWebsocketPort, identity,
                trustedClientsPem, maxPacketSize, maxConnections, maxQueuedMessages, maxQueuedBytes, memoryBudget,
                maxInflightMessages, connectTimeout.toMillis(), writeTimeout.toMillis(), maxKeepAliveSeconds,
                sysInterval.toMillis(), topicAliases, authenticator, authorizer,
                Collections.unmodifiableMap(new LinkedHashMap<>(authenticationMethods)), responseInformation);
        return new BrokerSetup(config, clock, virtualTimeStart, persistence, List.copyOf(bridges.values()));
    }
}
