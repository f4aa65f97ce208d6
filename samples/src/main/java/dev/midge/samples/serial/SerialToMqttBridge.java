package dev.midge.samples.serial;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.samples.CleanDisconnect;
import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Serial to MQTT: reads text lines from a serial port (9600 8N1) and publishes each one to
 * {@code emqx/serial/read}, without its line ending.
 *
 * <p>It keeps going when the broker goes away: Paho reconnects by itself, lines read meanwhile wait in an
 * offline buffer (up to {@value #OFFLINE_BUFFER_MESSAGES} lines), and at QoS 1 or 2 lines the broker had not yet
 * acknowledged are sent again, so none is lost (one may arrive twice at QoS 1). Empty lines are skipped.
 *
 * <pre>{@code
 * try (SerialToMqttBridge bridge = new SerialToMqttBridge(MqttSettings.of("tcp://broker.emqx.io:1883", "pi-42"),
 *         "/dev/ttyAMA0")) {
 *     bridge.start();
 *     ...
 * }
 * }</pre>
 */
public final class SerialToMqttBridge implements AutoCloseable {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-serial-reader";

    /** The topic of the source guide. */
    public static final String DEFAULT_TOPIC = "emqx/serial/read";

    /** How many lines wait for the broker while it is away; more are dropped with a warning. */
    public static final int OFFLINE_BUFFER_MESSAGES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SerialToMqttBridge.class);
    private static final int MAX_IN_FLIGHT = 100;
    private static final long TIMEOUT_MILLIS = 15_000;
    private static final long ACK_WAIT_MILLIS = 100;
    private static final long DISCONNECTING_POLL_MILLIS = 10;

    private final MqttSettings settings;
    private final String portPath;
    private final String topic;
    private final int qos;
    private final LineSplitter splitter = new LineSplitter();
    private volatile boolean running;
    private SerialPort port;
    private volatile MqttAsyncClient client;
    private Thread reader;

    /**
     * Publishes to {@code emqx/serial/read} at QoS 1.
     *
     * @param settings the broker and the client identity
     * @param portPath the serial port, e.g. {@code /dev/ttyAMA0}
     */
    public SerialToMqttBridge(MqttSettings settings, String portPath) {
        this(settings, portPath, DEFAULT_TOPIC, 1);
    }

    /**
     * @param settings the broker and the client identity
     * @param portPath the serial port, e.g. {@code /dev/ttyAMA0}
     * @param topic    where each line is published
     * @param qos      0 (lines read while the broker is away may be lost), 1 or 2
     */
    public SerialToMqttBridge(MqttSettings settings, String portPath, String topic, int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        this.settings = settings;
        this.portPath = portPath;
        this.topic = topic;
        this.qos = qos;
    }

    /**
     * Opens the port, connects, and starts forwarding lines on a thread of its own.
     *
     * @throws IOException   when the port cannot be opened
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public synchronized void start() throws IOException, MqttException {
        port = SerialPorts.open(portPath);
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            client.setBufferOpts(offlineBuffer());
            client.connect(connectOptions()).waitForCompletion(TIMEOUT_MILLIS);
        } catch (MqttException e) {
            port.closePort();
            throw e;
        }
        log.info("{}: forwarding lines from {} to {} at QoS {}", settings.clientId(), portPath, topic, qos);
        running = true;
        reader = new Thread(this::forwardLines, "serial-to-mqtt " + portPath);
        reader.start();
    }

    private MqttConnectOptions connectOptions() {
        MqttConnectOptions options = settings.connectOptions();
        // A session that outlives the connection lets Paho send unacknowledged lines again after a reconnect.
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(MAX_IN_FLIGHT);
        return options;
    }

    private static DisconnectedBufferOptions offlineBuffer() {
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(OFFLINE_BUFFER_MESSAGES);
        buffer.setDeleteOldestMessages(false);
        buffer.setPersistBuffer(false);
        return buffer;
    }

    private void forwardLines() {
        byte[] buffer = new byte[1024];
        try {
            while (running) {
                int read = port.readBytes(buffer, buffer.length);
                if (read < 0) {
                    log.warn("{}: serial port {} was closed or unplugged; no more lines will be forwarded",
                            settings.clientId(), portPath);
                    return;
                }
                for (String line : splitter.feed(buffer, read)) {
                    if (!line.isEmpty()) {
                        publish(line);
                    }
                }
            }
        } finally {
            // The reading thread is the only one that touches the port, so it is the one that closes it.
            port.closePort();
        }
    }

    private void publish(String line) {
        byte[] payload = line.getBytes(StandardCharsets.UTF_8);
        while (true) {
            try {
                client.publish(topic, payload, qos, false);
                log.info("{}: read '{}' from {} and published it to {}", settings.clientId(), line, portPath, topic);
                return;
            } catch (MqttException e) {
                if (!running || Thread.currentThread().isInterrupted() || !isTransient(e)) {
                    log.warn("{}: dropped line '{}': {}", settings.clientId(), line, e.toString());
                    return;
                }
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    awaitAnAcknowledgement();
                } else {
                    awaitDisconnected();
                }
            }
        }
    }

    /**
     * A full in-flight window empties as the broker acknowledges; a connection being torn down becomes
     * disconnected, and from then on Paho's offline buffer takes the line.
     */
    private static boolean isTransient(MqttException e) {
        return e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT
                || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_DISCONNECTING;
    }

    private void awaitDisconnected() {
        try {
            Thread.sleep(DISCONNECTING_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitAnAcknowledgement() {
        IMqttDeliveryToken[] pending = client.getPendingDeliveryTokens();
        if (pending.length > 0) {
            try {
                pending[0].waitForCompletion(ACK_WAIT_MILLIS);
            } catch (MqttException stillPending) {
                // the window is still full, or the connection went; the next publish attempt tells which
            }
        }
    }

    /**
     * @return whether the bridge is connected to the broker now (false while it reconnects; lines are buffered)
     */
    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    /**
     * Stops reading (within the one-second read timeout), closes the port, waits up to 15 s for unacknowledged
     * lines, and disconnects.
     */
    @Override
    public synchronized void close() {
        running = false;
        if (reader != null) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (client != null) {
            CleanDisconnect.disconnectAndClose(client, TIMEOUT_MILLIS);
        }
    }

    /**
     * Forwards lines until the program is stopped.
     *
     * @param args {@code --port} (default {@value SerialPorts#DEFAULT_PATH}), {@code --broker},
     *             {@code --client-id}, {@code --username}, {@code --password}, {@code --keep-alive},
     *             {@code --topic}, {@code --qos}
     */
    public static void main(String[] args) throws IOException, MqttException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("port", "broker", "client-id", "username",
                "password", "keep-alive", "topic", "qos"), Set.of());
        SerialToMqttBridge bridge = new SerialToMqttBridge(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID),
                commandLine.value("port", SerialPorts.DEFAULT_PATH), commandLine.value("topic", DEFAULT_TOPIC),
                commandLine.intValue("qos", 1));
        // jSerialComm's own shutdown hook closes every port; hooks given to it run first, while the port still works.
        SerialPort.addShutdownHook(new Thread(bridge::close, "serial-to-mqtt shutdown"));
        bridge.start();
    }
}
