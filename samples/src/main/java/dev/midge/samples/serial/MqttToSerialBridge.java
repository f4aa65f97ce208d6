package dev.midge.samples.serial;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.ResubscribingClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * MQTT to serial: writes the payload of every message published on {@code emqx/serial/write} to a serial port
 * (9600 8N1), byte for byte, adding nothing.
 *
 * <p>Its session outlives the connection and it subscribes at QoS 1, so messages published while the bridge is
 * reconnecting are queued by the broker and written once it is back.
 *
 * <pre>{@code
 * try (MqttToSerialBridge bridge = new MqttToSerialBridge(MqttSettings.of("tcp://broker.emqx.io:1883", "pi-42"),
 *         "/dev/ttyAMA0")) {
 *     bridge.start();
 *     ...
 * }
 * }</pre>
 */
public final class MqttToSerialBridge implements AutoCloseable {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-serial-writer";

    /** The topic of the source guide. */
    public static final String DEFAULT_TOPIC = "emqx/serial/write";

    private static final Logger log = LoggerFactory.getLogger(MqttToSerialBridge.class);
    private static final int QOS = 1;

    private final MqttSettings settings;
    private final String portPath;
    private final ResubscribingClient client;
    private final Object writing = new Object();
    private SerialPort port;
    private volatile OutputStream toDevice;

    /**
     * Writes what is published on {@code emqx/serial/write}.
     *
     * @param settings the broker and the client identity
     * @param portPath the serial port, e.g. {@code /dev/ttyAMA0}
     */
    public MqttToSerialBridge(MqttSettings settings, String portPath) {
        this(settings, portPath, DEFAULT_TOPIC);
    }

    /**
     * @param settings    the broker and the client identity
     * @param portPath    the serial port, e.g. {@code /dev/ttyAMA0}
     * @param topicFilter what to subscribe to
     */
    public MqttToSerialBridge(MqttSettings settings, String portPath, String topicFilter) {
        this.settings = settings;
        this.portPath = portPath;
        this.client = new ResubscribingClient(settings, topicFilter, QOS, this::write);
    }

    /**
     * Opens the port, connects and subscribes; returns once the broker has confirmed the subscription.
     *
     * @throws IOException   when the port cannot be opened
     * @throws MqttException when the broker cannot be reached or refuses the connection or the subscription
     */
    public synchronized void start() throws IOException, MqttException {
        port = SerialPorts.open(portPath);
        toDevice = port.getOutputStream();
        MqttConnectOptions options = settings.connectOptions();
        options.setCleanSession(false);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            port.closePort();
            throw e;
        }
        log.info("{}: writing messages to {}", settings.clientId(), portPath);
    }

    private void write(String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        // Not the bridge's own lock: start() and close() hold that while waiting for Paho's callback thread.
        synchronized (writing) {
            try {
                toDevice.write(payload);
                toDevice.flush();
                log.info("{}: wrote {} bytes from {} to {}", settings.clientId(), payload.length, topic, portPath);
            } catch (IOException e) {
                log.error("{}: could not write {} bytes from {} to {}", settings.clientId(), payload.length, topic,
                        portPath, e);
            }
        }
    }

    /**
     * Disconnects cleanly, then closes the port.
     */
    @Override
    public synchronized void close() {
        client.close();
        if (port != null) {
            port.closePort();
        }
    }

    /**
     * Writes messages to the port until the program is stopped.
     *
     * @param args {@code --port} (default {@value SerialPorts#DEFAULT_PATH}), {@code --broker},
     *             {@code --client-id}, {@code --username}, {@code --password}, {@code --keep-alive}, {@code --topic}
     */
    public static void main(String[] args) throws IOException, MqttException, InterruptedException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("port", "broker", "client-id", "username",
                "password", "keep-alive", "topic"), Set.of());
        MqttToSerialBridge bridge = new MqttToSerialBridge(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID),
                commandLine.value("port", SerialPorts.DEFAULT_PATH), commandLine.value("topic", DEFAULT_TOPIC));
        // jSerialComm's own shutdown hook closes every port; hooks given to it run first, while the port still works.
        SerialPort.addShutdownHook(new Thread(bridge::close, "mqtt-to-serial shutdown"));
        bridge.start();
        Thread.currentThread().join();
    }
}
