package dev.midge.broker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a CONNECT packet: MQTT 3.1.1 by default, with any protocol name and level a test wants to try.
 */
public final class ConnectPacket {

    private final String clientId;
    private String protocolName = "MQTT";
    private int protocolLevel = 4;
    private boolean cleanSession = true;
    private int keepAliveSeconds;
    private String willTopic;
    private String willPayload;
    private int willQos;
    private boolean willRetain;
    private String username;
    private String password;

    private ConnectPacket(String clientId) {
        this.clientId = clientId;
    }

    /**
     * @param clientId the client identifier, possibly empty
     * @return a builder for a clean-session MQTT 3.1.1 CONNECT without keep-alive
     */
    public static ConnectPacket mqtt311(String clientId) {
        return new ConnectPacket(clientId);
    }

    /**
     * @param name  the protocol name, {@code MQTT} (3.1.1) or {@code MQIsdp} (3.1)
     * @param level the protocol level, 4 (3.1.1) or 3 (3.1)
     * @return this builder
     */
    public ConnectPacket protocol(String name, int level) {
        this.protocolName = name;
        this.protocolLevel = level;
        return this;
    }

    /** @return this builder */
    public ConnectPacket cleanSession(boolean clean) {
        this.cleanSession = clean;
        return this;
    }

    /** @return this builder */
    public ConnectPacket keepAliveSeconds(int seconds) {
        this.keepAliveSeconds = seconds;
        return this;
    }

    /** @return this builder */
    public ConnectPacket will(String topic, String payload, int qos, boolean retain) {
        this.willTopic = topic;
        this.willPayload = payload;
        this.willQos = qos;
        this.willRetain = retain;
        return this;
    }

    /** @return this builder */
    public ConnectPacket credentials(String user, String pass) {
        this.username = user;
        this.password = pass;
        return this;
    }

    /**
     * @return the encoded packet
     */
    public byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        MqttPackets.writeString(body, protocolName);
        body.write(protocolLevel);
        int flags = (cleanSession ? 0x02 : 0)
                | (willTopic != null ? 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0) : 0)
                | (password != null ? 0x40 : 0)
                | (username != null ? 0x80 : 0);
        body.write(flags);
        MqttPackets.writeShort(body, keepAliveSeconds);
        MqttPackets.writeString(body, clientId);
        if (willTopic != null) {
            MqttPackets.writeString(body, willTopic);
            MqttPackets.writeString(body, willPayload);
        }
        if (username != null) {
            MqttPackets.writeString(body, username);
        }
        if (password != null) {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            MqttPackets.writeShort(body, bytes.length);
            body.writeBytes(bytes);
        }
        return MqttPackets.packet(0x10, body.toByteArray());
    }
}
