package dev.midge.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that sends and reads whole MQTT 5 packets over a plain socket, encoded and decoded by Netty's MQTT
 * codec, so tests can send exactly the properties and flows no library client lets them choose.
 */
public final class RawMqtt5Client implements AutoCloseable {

    private final RawMqttClient socket;
    private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);

    private RawMqtt5Client(RawMqttClient socket) {
        this.socket = socket;
    }

    /**
     * @param clientId the client identifier, possibly empty
     * @return a builder for an MQTT 5 clean-start CONNECT without keep-alive; add properties as needed
     */
    public static MqttMessageBuilders.ConnectBuilder connectPacket(String clientId) {
        return MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId)
                .cleanSession(true).keepAlive(0);
    }

    /**
     * @param clientId             the client identifier
     * @param willTopic            where the will, "gone" at QoS 1, goes
     * @param willDelaySeconds     the Will Delay Interval
     * @param sessionExpirySeconds the Session Expiry Interval
     * @return a builder for an MQTT 5 CONNECT without clean start, with a will
     */
    public static MqttMessageBuilders.ConnectBuilder connectPacketWithWill(String clientId, String willTopic,
                                                                         int willDelaySeconds,
                                                                         int sessionExpirySeconds) {
        MqttProperties willProperties = new MqttProperties();
        willProperties.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, willDelaySeconds));
        MqttProperties connectProperties = new MqttProperties();
        connectProperties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                sessionExpirySeconds));
        return connectPacket(clientId).cleanSession(false).properties(connectProperties)
                .willFlag(true).willTopic(willTopic).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willMessage("gone".getBytes(StandardCharsets.UTF_8)).willProperties(willProperties);
    }

    /**
     * @param port a port on the loopback address
     * @return a client with an open connection and nothing sent yet
     */
    public static RawMqtt5Client open(int port) {
        return new RawMqtt5Client(RawMqttClient.open(port));
    }

    /**
     * Opens a connection, sends the CONNECT and checks that the broker accepts it.
     *
     * @return the connected client, CONNACK already read
     */
    public static RawMqtt5Client connect(int port, MqttMessageBuilders.ConnectBuilder connect) {
        RawMqtt5Client client = open(port);
        MqttConnAckMessage connack = client.connack(connect);
        if (connack.variableHeader().connectReturnCode().byteValue() != 0) {
            client.close();
            throw new AssertionError("The broker refused the CONNECT: " + connack);
        }
        return client;
    }

    /**
     * Sends a CONNECT and reads the answer.
     *
     * @return the CONNACK
     */
    public MqttConnAckMessage connack(MqttMessageBuilders.ConnectBuilder connect) {
        send(connect.build());
        return (MqttConnAckMessage) expect(MqttMessageType.CONNACK);
    }

    /**
     * Encodes a packet as MQTT 5 (once a version 5 CONNECT has gone through this client) and sends it.
     */
    public void send(MqttMessage packet) {
        codec.writeOutbound(packet);
        ByteBuf encoded = codec.readOutbound();
        try {
            socket.send(ByteBufUtil.getBytes(encoded));
        } finally {
            encoded.release();
        }
    }

    /**
     * Sends bytes as they are, for packets the codec would refuse to encode.
     */
    public void sendBytes(byte[] bytes) {
        socket.send(bytes);
    }

    /**
     * Reads the next packet, waiting up to {@link RawMqttClient#READ_TIMEOUT}.
     */
    public MqttMessage read() {
        return decode(socket.read());
    }

    /**
     * Reads the next packet and checks its type.
     */
    public MqttMessage expect(MqttMessageType type) {
        MqttMessage packet = read();
        if (packet.fixedHeader().messageType() != type) {
            throw new AssertionError("Expected " + type + " but got " + packet);
        }
        return packet;
    }

    /**
     * Sends PINGREQ and reads PINGRESP: everything the broker sent before it has been read once this returns.
     */
    public void ping() {
        socket.ping();
    }

    /**
     * Reads packets until the broker closes the connection.
     *
     * @return the packets that arrived before the end
     */
    public List<MqttMessage> awaitClosed(Duration timeout) {
        List<MqttMessage> packets = new ArrayList<>();
        for (Packet packet : socket.awaitClosed(timeout)) {
            packets.add(decode(packet));
        }
        return packets;
    }

    /**
     * Reads packets until the broker ends the connection with an end of stream rather than a reset.
     *
     * @return the packets that arrived before the end
     * @see RawMqttClient#awaitEndOfStream(Duration)
     */
    public List<MqttMessage> awaitEndOfStream(Duration timeout) {
        List<MqttMessage> packets = new ArrayList<>();
        for (Packet packet : socket.awaitEndOfStream(timeout)) {
            packets.add(decode(packet));
        }
        return packets;
    }

    /**
     * Reads until the broker closes the connection and checks that it said why with a DISCONNECT.
     *
     * @return the DISCONNECT reason code
     */
    public int awaitDisconnect(Duration timeout) {
        List<MqttMessage> packets = awaitClosed(timeout);
        if (packets.isEmpty() || packets.get(packets.size() - 1).fixedHeader().messageType()
                != MqttMessageType.DISCONNECT) {
            throw new AssertionError("Expected the broker to end with DISCONNECT but got " + packets);
        }
        return reasonCode(packets.get(packets.size() - 1));
    }

    /**
     * @return the reason code of a DISCONNECT, PUBACK, PUBREC, PUBREL or PUBCOMP (0 when the packet omits it)
     */
    public static int reasonCode(MqttMessage packet) {
        Object header = packet.variableHeader();
        if (header instanceof MqttReasonCodeAndPropertiesVariableHeader reason) {
            return reason.reasonCode() & 0xFF;
        }
        if (header instanceof io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader reply) {
            return reply.reasonCode() & 0xFF;
        }
        return 0;
    }

    /**
     * @return the Reason String property of a DISCONNECT, or null
     */
    public static String reasonString(MqttMessage packet) {
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader reason) {
            MqttProperties.MqttProperty<?> property = reason.properties().getProperty(MqttProperties.REASON_STRING);
            return property == null ? null : (String) property.value();
        }
        return null;
    }

    private MqttMessage decode(Packet packet) {
        byte[] bytes = MqttPackets.packet((packet.type() << 4) | packet.flags(), packet.body());
        codec.writeInbound(Unpooled.wrappedBuffer(bytes));
        MqttMessage decoded = codec.readInbound();
        if (decoded == null || decoded.decoderResult().isFailure()) {
            throw new AssertionError("The broker sent a packet MQTT 5 cannot decode: " + packet
                    + (decoded == null ? "" : " (" + decoded.decoderResult().cause() + ")"));
        }
        return decoded;
    }

    /**
     * Closes the socket abruptly, without DISCONNECT.
     */
    @Override
    public void close() {
        codec.finishAndReleaseAll();
        socket.close();
    }
}
