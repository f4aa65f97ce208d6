package dev.midge.samples.connect;

import dev.midge.samples.CommandLine;
import dev.midge.samples.MqttSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Connects to a broker once and says how it went, for every CONNACK return code: the first thing to run on a new
 * Raspberry Pi to see that the broker address, the credentials and the network are right.
 *
 * <pre>
 * java dev.midge.samples.connect.ConnectCheck --broker tcp://broker.emqx.io:1883 --username pi --password secret
 * </pre>
 */
public final class ConnectCheck {

    /** The client identifier unless another is given. */
    public static final String DEFAULT_CLIENT_ID = "raspberry-pi-connect-check";

    private static final Logger log = LoggerFactory.getLogger(ConnectCheck.class);

    private final MqttSettings settings;

    /**
     * @param settings the broker and the identity to try
     */
    public ConnectCheck(MqttSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects, logs the outcome in words, and disconnects cleanly when connected.
     *
     * @return the outcome
     */
    public ConnectResult run() {
        ConnectResult outcome = attempt();
        if (outcome == ConnectResult.CONNECTED) {
            log.info("{}: {}", settings, outcome.words());
        } else {
            log.warn("{}: {}", settings, outcome.words());
        }
        return outcome;
    }

    private ConnectResult attempt() {
        MqttClient client;
        try {
            client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot use broker URL '" + settings.brokerUrl() + "': "
                    + e.getMessage(), e);
        }
        try {
            client.connect(settings.connectOptions());
            client.disconnect();
            return ConnectResult.CONNECTED;
        } catch (MqttException e) {
            log.debug("Paho reported reason code {}", e.getReasonCode(), e);
            return ConnectResult.of(e);
        } finally {
            closeQuietly(client);
        }
    }

    private static void closeQuietly(MqttClient client) {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the client failed; it holds nothing more", e);
        }
    }

    /**
     * Prints the outcome and exits with 0 when connected, 1 otherwise.
     *
     * @param args {@code --broker}, {@code --client-id}, {@code --username}, {@code --password},
     *             {@code --keep-alive}
     */
    public static void main(String[] args) {
        CommandLine commandLine = CommandLine.parse(args,
                Set.of("broker", "client-id", "username", "password", "keep-alive"), Set.of());
        ConnectResult outcome = new ConnectCheck(MqttSettings.from(commandLine, DEFAULT_CLIENT_ID)).run();
        System.out.println(outcome.words());
        System.exit(outcome == ConnectResult.CONNECTED ? 0 : 1);
    }
}
