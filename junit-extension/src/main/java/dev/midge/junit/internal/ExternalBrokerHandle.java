package dev.midge.junit.internal;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerCertificate;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.SubscriptionInfo;
import dev.midge.broker.VirtualTime;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.Faults;
import dev.midge.junit.Recording;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import javax.net.ssl.SSLSocketFactory;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A handle on a broker running elsewhere (Mosquitto, EMQX, HiveMQ…). A recording client subscribed to {@code #}
 * feeds the recording, so assertions on received messages work; what needs the broker's own journal or state
 * fails with a message that says so.
 */
public final class ExternalBrokerHandle implements BrokerHandle, AutoCloseable {

    private final URI uri;
    private final SSLSocketFactory tlsTrust;
    private final Recording recording = new Recording();
    private final MqttClient recorder;
    private final Duration assertionTimeout;

    /**
     * Connects the recording client and subscribes it to every topic before returning.
     *
     * @param url the broker, e.g. {@code tcp://localhost:1883} or {@code tcp://name:password@host:1883}
     */
    public ExternalBrokerHandle(String url) {
        this(url, null, MidgeConfiguration.DEFAULT_ASSERTION_TIMEOUT);
    }

    /**
     * Connects the recording client and subscribes it to every topic before returning.
     *
     * @param url              the broker: {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://host:port/path}
     *                         or {@code wss://host:port/path}, credentials as {@code tcp://name:password@host:port}
     * @param caFile           the PEM certificates its TLS ({@code ssl://}, {@code wss://}) is checked against, or null
     *                         for the JVM's trust store
     * @param assertionTimeout how long assertions on this broker wait by default
     */
    public ExternalBrokerHandle(String url, Path caFile, Duration assertionTimeout) {
        this.assertionTimeout = assertionTimeout;
        URI parsed = URI.create(url);
        this.uri = URI.create(parsed.getScheme() + "://" + parsed.getHost() + ":" + parsed.getPort()
                + (parsed.getRawPath() == null ? "" : parsed.getRawPath()));
        boolean tls = parsed.getScheme().equalsIgnoreCase("ssl") || parsed.getScheme().equalsIgnoreCase("wss");
        this.tlsTrust = caFile == null || !tls ? null : ExternalTlsTrust.trusting(caFile);
        try {
            recorder = new MqttClient(uri.toString(), "midge-recorder-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(10);
            if (tlsTrust != null) {
                options.setSocketFactory(tlsTrust);
            }
            if (parsed.getUserInfo() != null) {
                String[] credentials = parsed.getUserInfo().split(":", 2);
                options.setUserName(credentials[0]);
                if (credentials.length > 1) {
                    options.setPassword(credentials[1].getBytes(StandardCharsets.UTF_8));
                }
            }
            recorder.connect(options);
            MqttSubscription everything = new MqttSubscription("#", 2);
            everything.setRetainAsPublished(true);
            // Retained messages left by earlier tests are not this test's traffic.
            everything.setRetainHandling(2);
            recorder.subscribe(new MqttSubscription[] {everything}, new IMqttMessageListener[] {
                (topic, message) -> recording.record(new BrokerEvent.MessagePublished(Instant.now(), null,
                        ExternalMessages.toMessage(topic, message), -1))
            });
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot connect the recording client to the external broker at " + uri
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the socket factory that trusts the configured CA certificates, for clients of an {@code ssl://} or
     *         {@code wss://} broker, or null when the JVM's trust store decides
     */
    public SSLSocketFactory tlsTrust() {
        return tlsTrust;
    }

    @Override
    public Duration assertionTimeout() {
        return assertionTimeout;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public URI websocketUri() {
        throw unsupported("the WebSocket address");
    }

    @Override
    public URI tlsUri() {
        throw unsupported("the TLS address");
    }

    @Override
    public URI secureWebsocketUri() {
        throw unsupported("the secure WebSocket address");
    }

    @Override
    public BrokerCertificate certificate() {
        throw unsupported("the broker's certificate");
    }

    @Override
    public String host() {
        return uri.getHost();
    }

    @Override
    public int port() {
        return uri.getPort();
    }

    @Override
    public boolean isExternal() {
        return true;
    }

    @Override
    public Broker broker() {
        throw unsupported("the embedded broker object");
    }

    @Override
    public void publish(Message message) {
        try {
            MqttMessage wire = new MqttMessage(message.payload(), message.qos().value(), message.retain(), null);
            recorder.publish(message.topic(), wire);
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot publish to the external broker at " + uri + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Recording recording() {
        return recording;
    }

    @Override
    public List<String> connectedClients() {
        throw unsupported("the list of connected clients");
    }

    @Override
    public List<SubscriptionInfo> subscriptions() {
        throw unsupported("the list of subscriptions");
    }

    @Override
    public List<Message> retainedMessages() {
        throw unsupported("the retained messages");
    }

    @Override
    public Faults faults() {
        return new UnavailableFaults(unsupported("fault injection").getMessage());
    }

    @Override
    public VirtualTime virtualTime() {
        throw new UnsupportedOperationException("Virtual time moves the embedded broker's own clock, but these tests "
                + "run against the external broker at " + uri + ", which keeps real time: run them without an "
                + "external URL");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " needs the embedded broker's own journal, but these tests "
                + "run against the external broker at " + uri + ": run them without an external URL, or assert "
                + "on received messages only");
    }

    @Override
    public void close() {
        try {
            if (recorder.isConnected()) {
                recorder.disconnect();
            }
            recorder.close();
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot close the recording client: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "external broker at " + uri;
    }
}
