package dev.midge.samples;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

import java.util.Objects;

/**
 * Where a sample connects and as whom: the settings every sample shares.
 *
 * <pre>{@code
 * MqttSettings settings = MqttSettings.of("tcp://broker.emqx.io:1883", "raspberry-pi")
 *         .withCredentials("pi", "secret")
 *         .withKeepAliveSeconds(30);
 * }</pre>
 *
 * @param brokerUrl        {@code tcp://host:1883}, {@code ws://host:8083/mqtt}, {@code ssl://host:8883}…
 * @param clientId         the client identifier; two clients with the same one take each other's place
 * @param username         the user name, or {@code null} to connect anonymously
 * @param password         the password, or {@code null}
 * @param keepAliveSeconds how often the client proves it is alive; the broker publishes the will after 1.5 times
 *                         this interval of silence
 */
public record MqttSettings(String brokerUrl, String clientId, String username, String password,
                           int keepAliveSeconds) {

    /** The broker the samples use unless told otherwise: one on this machine, on MQTT's standard port. */
    public static final String DEFAULT_BROKER_URL = "tcp://localhost:1883";

    /** The keep-alive interval the source guide uses. */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 60;

    private static final int CONNECTION_TIMEOUT_SECONDS = 10;
    private static final int MAX_RECONNECT_DELAY_MILLIS = 30_000;

    /**
     * Checks the fields.
     */
    public MqttSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        if (keepAliveSeconds < 0) {
            throw new IllegalArgumentException("keepAliveSeconds must be 0 (off) or more, not " + keepAliveSeconds);
        }
    }

    /**
     * @param brokerUrl the broker
     * @param clientId  the client identifier
     * @return anonymous settings with a 60 s keep-alive
     */
    public static MqttSettings of(String brokerUrl, String clientId) {
        return new MqttSettings(brokerUrl, clientId, null, null, DEFAULT_KEEP_ALIVE_SECONDS);
    }

    /**
     * Reads {@code --broker}, {@code --client-id}, {@code --username}, {@code --password} and {@code --keep-alive}.
     *
     * @param commandLine     the parsed arguments
     * @param defaultClientId the client identifier when none is given
     * @return the settings
     */
    public static MqttSettings from(CommandLine commandLine, String defaultClientId) {
        return new MqttSettings(
                commandLine.value("broker", DEFAULT_BROKER_URL),
                commandLine.value("client-id", defaultClientId),
                commandLine.value("username", null),
                commandLine.value("password", null),
                commandLine.intValue("keep-alive", DEFAULT_KEEP_ALIVE_SECONDS));
    }

    /**
     * @param newUsername the user name
     * @param newPassword the password
     * @return a copy of these settings that logs in
     */
    public MqttSettings withCredentials(String newUsername, String newPassword) {
        return new MqttSettings(brokerUrl, clientId, newUsername, newPassword, keepAliveSeconds);
    }

    /**
     * @param seconds the keep-alive interval
     * @return a copy of these settings with that interval
     */
    public MqttSettings withKeepAliveSeconds(int seconds) {
        return new MqttSettings(brokerUrl, clientId, username, password, seconds);
    }

    /**
     * Paho options for these settings: MQTT 3.1.1, a clean session, 10 s to connect, credentials when given.
     *
     * @return new options the caller may adjust (a will, automatic reconnect…)
     */
    public MqttConnectOptions connectOptions() {
        MqttConnectOptions options = new MqttConnectOptions();
        // Paho's default tries 3.1.1 and silently retries with 3.1 when refused; one version keeps the outcome clear.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        // Paho waits up to 128 s between attempts by default; a Pi that lost its broker should be back sooner.
        options.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MILLIS);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    @Override
    public String toString() {
        return clientId + "@" + brokerUrl + (username == null ? "" : " as " + username);
    }
}
