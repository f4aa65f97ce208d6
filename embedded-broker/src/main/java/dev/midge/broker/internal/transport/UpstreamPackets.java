package dev.midge.broker.internal.transport;

import dev.midge.broker.Bridge;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.internal.BridgeRoutes;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Builds the packets a bridge sends as a client, for the MQTT codec of its upstream connection: CONNECT, SUBSCRIBE,
 * PINGREQ, publish acknowledgements and DISCONNECT; and reads what the upstream answers: packet identifiers, reason
 * codes and their words.
 */
final class UpstreamPackets {

    static final MqttMessage PINGREQ =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));

    /** MQTT 5's Session Expiry Interval for a session the upstream keeps however long the bridge is away. */
    private static final int SESSION_NEVER_EXPIRES = 0xFFFFFFFF;

    private UpstreamPackets() {
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP; the codec writes the reason code to an MQTT 5 upstream only. */
    static MqttMessage reply(MqttMessageType type, int packetId, ReasonCode reasonCode) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode.value(),
                        MqttProperties.NO_PROPERTIES));
    }

    /** DISCONNECT with reason code 0, which a bridge sends when it leaves. */
    static MqttMessage disconnect() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) ReasonCode.SUCCESS.value(),
                        MqttProperties.NO_PROPERTIES));
    }

    /**
     * @return the bridge's CONNECT; an MQTT 5 bridge without clean session asks the upstream to keep its session for
     *         ever, as a 3.1.1 session without clean session is kept; with notifications upstream, its will marks the
     *         bridge down there when the connection is lost
     */
    static MqttConnectMessage connect(Bridge bridge, ProtocolVersion version) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(version.isMqtt5() ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                .clientId(bridge.remoteClientId())
                .cleanSession(bridge.cleanSession())
                .keepAlive((int) bridge.keepAlive().toSeconds());
        if (bridge.remoteUsername() != null) {
            connect.hasUser(true).username(bridge.remoteUsername());
        }
        if (bridge.remotePassword() != null) {
            connect.hasPassword(true).password(bridge.remotePassword().getBytes(StandardCharsets.UTF_8));
        }
        if (bridge.remoteNotificationTopic() != null) {
            connect.willFlag(true).willTopic(bridge.remoteNotificationTopic())
                    .willMessage("0".getBytes(StandardCharsets.US_ASCII)).willQoS(MqttQoS.AT_LEAST_ONCE)
                    .willRetain(true);
        }
        if (version.isMqtt5() && !bridge.cleanSession()) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                    SESSION_NEVER_EXPIRES));
            connect.properties(properties);
        }
        return connect.build();
    }

    /**
     * @return a SUBSCRIBE for the inbound topics; MQTT 5 subscriptions are no-local, so that what the bridge sends up
     *         does not come back, and retain as published, so that the retain flag crosses the bridge
     */
    static MqttSubscribeMessage subscribe(int packetId, List<BridgeRoutes.Remote> subscriptions,
                                         ProtocolVersion version) {
        MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe().messageId(packetId);
        for (BridgeRoutes.Remote remote : subscriptions) {
            MqttQoS qos = MqttQoS.valueOf(remote.qos().value());
            subscribe.addSubscription(remote.filter(), version.isMqtt5()
                    ? new MqttSubscriptionOption(qos, true, true,
                            MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE)
                    : MqttSubscriptionOption.onlyFromQos(qos));
        }
        return subscribe.build();
    }

    /**
     * @param code    a CONNACK return code (3.1.1) or reason code (5.0) other than 0
     * @param version the version it came in
     * @return its name and number, e.g. {@code bad user name or password (4)}; the first of the names that share
     *         an MQTT 3.1.1 code
     */
    static String describeRefusal(int code, ProtocolVersion version) {
        for (ConnectCode known : ConnectCode.values()) {
            if (!known.isAccepted() && known.codeFor(version.level()) == code) {
                return known.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + code + ")";
            }
        }
        return "code " + code;
    }

    /** @return the packet identifier of a PUBACK, PUBREC, PUBREL or PUBCOMP */
    static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    /** @return the reason code of a PUBACK, PUBREC, PUBREL or PUBCOMP, 0 when it has none (MQTT 3.1.1) */
    static int reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF
                : 0;
    }

    /** @return the words for the reason code and string of a DISCONNECT, empty when it has none */
    static String disconnectReason(MqttMessage packet) {
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            return " with reason code 0x" + Integer.toHexString(header.reasonCode() & 0xFF)
                    + reasonString(header.properties());
        }
        return "";
    }

    /** @return the words for a Reason String property, empty when there is none */
    static String reasonString(MqttProperties properties) {
        String text = WireProperties.stringValue(properties, MqttProperties.REASON_STRING);
        return text == null ? "" : ": " + text;
    }
}
