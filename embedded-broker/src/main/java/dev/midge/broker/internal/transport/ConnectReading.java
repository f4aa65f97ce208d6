package dev.midge.broker.internal.transport;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.Transport;
import dev.midge.broker.Topics;
import dev.midge.broker.internal.ConnectAttempt;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.Session;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.security.cert.X509Certificate;

/**
 * Reads a CONNECT ({@link ConnectPacketReading} made it from the bytes) into the broker's terms and checks the rules
 * that depend on what its fields mean: flag combinations, MQTT 5 property values, the will's topic and payload format.
 */
final class ConnectReading {

    private static final int UNLIMITED_RECEIVE = 65535;
    private static final byte[] NO_DATA = new byte[0];

    private ConnectReading() {
    }

    /** What a CONNECT turned out to be. */
    sealed interface Result permits Read, Refused {
    }

    /**
     * A CONNECT that keeps the rules.
     *
     * @param attempt           what the core decides on
     * @param receiveMaximum    how many QoS 1/2 messages the client takes unacknowledged
     * @param maximumPacketSize the largest packet the client takes
     * @param requestsResponseInformation whether the client asked for Response Information
     * @param authenticationData the Authentication Data of a client that named an Authentication Method, or empty
     */
    record Read(ConnectAttempt attempt, int receiveMaximum, int maximumPacketSize,
                boolean requestsResponseInformation, byte[] authenticationData) implements Result {

        /** @return this CONNECT as the user an authentication method proved the client to be */
        Read withUsername(String authenticated) {
            return new Read(attempt.withUsername(authenticated), receiveMaximum, maximumPacketSize,
                    requestsResponseInformation, authenticationData);
        }
    }

    /**
     * A CONNECT that breaks a rule.
     *
     * @param reasonCode the CONNACK code to answer with, or -1 when the protocol has none and the connection is closed
     *                   unanswered (MQTT 3.x)
     * @param why        what is wrong, for the log and the MQTT 5 reason string
     */
    record Refused(int reasonCode, String why) implements Result {
        boolean unanswered() {
            return reasonCode < 0;
        }
    }

    /**
     * @param connect       the packet
     * @param remoteAddress where it came from
     * @param transport     the listener's transport
     * @param certificate   the client's TLS certificate, or null
     * @return the attempt, or why it is refused
     */
    static Result read(MqttConnectMessage connect, String remoteAddress, Transport transport,
                       X509Certificate certificate) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        ProtocolVersion version = ProtocolVersion.of(header.version());
        boolean v5 = version.isMqtt5();
        String flagProblem = flagProblem(header, version);
        if (flagProblem != null) {
            return refused(v5, ConnectCode.MALFORMED_PACKET, flagProblem);
        }
        MqttProperties properties = header.properties();
        long sessionExpiry = header.isCleanSession() ? 0 : Session.NEVER_EXPIRES;
        int receiveMaximum = UNLIMITED_RECEIVE;
        int maximumPacketSize = Integer.MAX_VALUE;
        String authenticationMethod = null;
        byte[] authenticationData = NO_DATA;
        boolean responseInformation = false;
        if (v5) {
            authenticationMethod = WireProperties.stringValue(properties, MqttProperties.AUTHENTICATION_METHOD);
            MqttProperties.MqttProperty<?> data = properties.getProperty(MqttProperties.AUTHENTICATION_DATA);
            authenticationData = data == null ? NO_DATA : (byte[]) data.value();
            responseInformation = Integer.valueOf(1).equals(WireProperties.intValue(properties,
                    MqttProperties.REQUEST_RESPONSE_INFORMATION));
            Integer expiry = WireProperties.intValue(properties, MqttProperties.SESSION_EXPIRY_INTERVAL);
            sessionExpiry = expiry == null ? 0 : Integer.toUnsignedLong(expiry);
            Integer receive = WireProperties.intValue(properties, MqttProperties.RECEIVE_MAXIMUM);
            Integer maxPacket = WireProperties.intValue(properties, MqttProperties.MAXIMUM_PACKET_SIZE);
            if (Integer.valueOf(0).equals(receive) || Integer.valueOf(0).equals(maxPacket)) {
                return new Refused(ConnectCode.PROTOCOL_ERROR.reasonCode(), ConnectCode.PROTOCOL_ERROR.name());
            }
            if (receive != null) {
                receiveMaximum = receive;
            }
            if (maxPacket != null) {
                maximumPacketSize = maxPacket < 0 ? Integer.MAX_VALUE : maxPacket;
            }
        }
        Message will = null;
        long willDelay = 0;
        if (header.isWillFlag()) {
            String topicProblem = Topics.checkTopicName(payload.willTopic());
            if (topicProblem != null) {
                return refused(v5, ConnectCode.TOPIC_NAME_INVALID, topicProblem);
            }
            will = new Message(payload.willTopic(), payload.willMessageInBytes(), QoS.of(header.willQos()),
                    header.isWillRetain(), WireProperties.toMessageProperties(payload.willProperties()));
            if (!WireProperties.payloadMatchesFormat(will.properties(), will.payload())) {
                return new Refused(ConnectCode.PAYLOAD_FORMAT_INVALID.reasonCode(),
                        "the will payload is not valid UTF-8");
            }
            Integer delay = v5 ? WireProperties.intValue(payload.willProperties(), MqttProperties.WILL_DELAY_INTERVAL)
                    : null;
            willDelay = delay == null ? 0 : Integer.toUnsignedLong(delay);
        }
        ConnectAttempt attempt = new ConnectAttempt(payload.clientIdentifier() == null ? ""
                : payload.clientIdentifier(), version, header.isCleanSession(), sessionExpiry,
                header.keepAliveTimeSeconds(), header.hasUserName() ? payload.userName() : null,
                header.hasPassword() ? payload.passwordInBytes() : null, will, willDelay, remoteAddress, transport,
                certificate, authenticationMethod);
        return new Read(attempt, receiveMaximum, maximumPacketSize, responseInformation, authenticationData);
    }

    /** MQTT 3.x has no CONNACK code for a CONNECT that breaks the rules: it is closed unanswered. */
    private static Refused refused(boolean v5, ConnectCode code, String why) {
        return new Refused(v5 ? code.reasonCode() : -1, why);
    }

    /**
     * @return what breaks the CONNECT flag rules, or null
     */
    private static String flagProblem(MqttConnectVariableHeader header, ProtocolVersion version) {
        if (header.willQos() > 2) {
            return "will QoS " + header.willQos();
        }
        if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
            return "will QoS or retain set without a will";
        }
        if (!version.isMqtt5() && header.hasPassword() && !header.hasUserName()) {
            return "password without user name";
        }
        return null;
    }
}
